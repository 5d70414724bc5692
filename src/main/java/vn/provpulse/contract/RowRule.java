package vn.provpulse.contract;

import java.io.Serializable;
import java.util.Optional;

/** A check across the parsed fields of one row; returns the rejection when the row breaks it. */
@FunctionalInterface
public interface RowRule extends Serializable {
    Optional<Rejection> check(ParsedValues row);
}
