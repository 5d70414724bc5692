package vn.provpulse.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/** One delivered file: landing/&lt;source&gt;/&lt;yyyy-mm-dd&gt;/&lt;fileName&gt;. */
public record LandingFile(String source, LocalDate dataDate, String fileName, String absolutePath, long size)
        implements Serializable {

    /** The first-occurrence order of the duplicate rule: export date, then file name. */
    public static final Comparator<LandingFile> DELIVERY_ORDER = Comparator
            .comparing(LandingFile::dataDate)
            .thenComparing(LandingFile::fileName)
            .thenComparing(LandingFile::source);

    public LandingFile {
        requireNonNull(source, "source is null");
        requireNonNull(dataDate, "dataDate is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(absolutePath, "absolutePath is null");
    }

    /**
     * A changed re-delivery of this file (same name, other bytes) as its {@code version}th version:
     * named {@code <file name>@<version>}, so that it sorts right after the earlier versions in
     * (export date, file name, line) order and its rows keep a lineage of their own.
     */
    public LandingFile asVersion(int version) {
        return new LandingFile(source, dataDate, fileName + FileLedger.VERSION_MARK + version, absolutePath, size);
    }

    /** Serialized as {@link LandingFileForm}: its fields bare, several times faster to read back than the record. */
    @java.io.Serial
    private Object writeReplace() {
        return new LandingFileForm(this);
    }

    /** The path relative to the landing root, as reports show it. */
    public String relativePath() {
        return source + "/" + dataDate + "/" + fileName;
    }
}
