package vn.provpulse.contract;

/** Where a field may go once ingested (Decree 13/2023/NĐ-CP). */
public enum Privacy {
    /** Kept in bronze and silver. */
    OPEN,
    /** Personal identity: hashed into the citizen pseudonym, then dropped. */
    IDENTITY,
    /** Free text: kept only in the restricted bronze table, never published. */
    RESTRICTED;

    /** Personal or restricted: never kept in clear outside the restricted tables, not even in a quarantined row's raw text. */
    public boolean isPersonal() {
        return this != OPEN;
    }
}
