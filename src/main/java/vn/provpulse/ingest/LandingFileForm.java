package vn.provpulse.ingest;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * The serialized form of a {@link LandingFile}: its fields bare, the date as a day number. Ingest's Spark tasks carry
 * their month's files (tens of thousands in a backfill) and every cached parsed file names its own; as a record with a
 * date object each, their deserialization was a few percent of a backfill's task time (docs/benchmark.md, "Session 13").
 */
final class LandingFileForm implements Externalizable {
    @Serial
    private static final long serialVersionUID = 1L;

    private LandingFile file;

    /** For deserialization only. */
    public LandingFileForm() {}

    LandingFileForm(LandingFile file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** writeUTF takes up to 64 KB of encoded text: a path is at most 4 KB. */
    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeUTF(file.source());
        out.writeLong(file.dataDate().toEpochDay());
        out.writeUTF(file.fileName());
        out.writeUTF(file.absolutePath());
        out.writeLong(file.size());
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        file = new LandingFile(in.readUTF(), LocalDate.ofEpochDay(in.readLong()), in.readUTF(), in.readUTF(), in.readLong());
    }

    @Serial
    private Object readResolve() {
        return file;
    }
}
