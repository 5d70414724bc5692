package vn.provpulse.contract;

/** Columns that tie every stored row to the landing file and line it came from. */
public final class Lineage {
    /** The export date: the date folder the file was delivered in. */
    public static final String DATA_DATE = "data_date";
    /** The landing file's name inside its date folder. */
    public static final String SOURCE_FILE = "source_file";
    /** The physical line where the row starts (CSV header = line 1). */
    public static final String LINE_NUMBER = "line_number";

    private Lineage() {}
}
