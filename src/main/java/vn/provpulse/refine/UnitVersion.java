package vn.provpulse.refine;

import java.io.Serializable;
import java.time.LocalDate;

/** One effective-dated version of a unit, from the latest snapshot that lists the unit. */
public record UnitVersion(
        String unitCode,
        String unitName,
        String unitType,
        String parentCode,
        String headName,
        String headTitle,
        LocalDate validFrom,
        LocalDate validTo,
        String successorCode,
        LocalDate snapshotDate) implements Serializable {

    /** valid_to is inclusive; empty means open. */
    public boolean inForceOn(LocalDate date) {
        return !validFrom.isAfter(date) && (validTo == null || !validTo.isBefore(date));
    }
}
