package vn.provpulse.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The serialized form of a {@link FileParser.ParsedFile}, as ingest caches it between its writes: each value
 * written as a type tag and its bare content. Java serialization of the rows themselves (boxed values, a
 * LocalDate or Instant as an object each) took 15 % of a year's backfill CPU (docs/benchmark.md). Each section
 * (accepted, quarantined, restricted rows) is one block of bytes, decoded only when its rows are used. Strings keep
 * every UTF-16 unit, lone surrogates included.
 */
final class ParsedFileForm implements Externalizable {
    @Serial
    private static final long serialVersionUID = 2L;
    /** The longest string {@link DataOutput#writeUTF} always takes: 3 bytes at most per char, 65,535 bytes in all. */
    private static final int MAX_UTF_CHARS = 65_535 / 3;

    private static final byte NULL = 0;
    private static final byte SHORT_TEXT = 1;
    private static final byte LONG_TEXT = 2;
    private static final byte INTEGER = 3;
    private static final byte DATE = 4;
    private static final byte INSTANT = 5;

    private FileParser.ParsedFile parsed;

    /** For deserialization only. */
    public ParsedFileForm() {}

    ParsedFileForm(FileParser.ParsedFile parsed) {
        this.parsed = requireNonNull(parsed, "parsed is null");
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeObject(parsed.file());
        out.writeInt(parsed.rowsRead());
        out.writeInt(parsed.quarantinedCount());
        writeSection(out, parsed.accepted());
        writeSection(out, parsed.quarantined());
        writeSection(out, parsed.restricted());
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
        LandingFile file = (LandingFile) in.readObject();
        int rowsRead = in.readInt();
        int quarantinedCount = in.readInt();
        parsed = new FileParser.ParsedFile(file, rowsRead, quarantinedCount, readSection(in, file), readSection(in, file), readSection(in, file));
    }

    @Serial
    private Object readResolve() {
        return parsed;
    }

    private static void writeSection(ObjectOutput out, List<Row> rows) throws IOException {
        byte[] bytes = rows instanceof EncodedRows encoded ? encoded.bytes : encode(rows);
        out.writeInt(rows.size());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static List<Row> readSection(ObjectInput in, LandingFile file) throws IOException {
        int count = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return count == 0 ? List.of() : new EncodedRows(count, bytes, file.relativePath());
    }

    private static byte[] encode(List<Row> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Row row : rows) {
                out.writeShort(row.length());
                for (int i = 0; i < row.length(); i++) {
                    writeValue(out, row.get(i));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static List<Row> decode(int count, byte[] encoded, String file) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            List<Row> rows = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                Object[] values = new Object[in.readShort()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue(in);
                }
                rows.add(RowFactory.create(values));
            }
            return List.copyOf(rows);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cached rows of landing file " + file + " back (the cache was written by other code)", e);
        }
    }

    /**
     * A section's rows as read from the cache, decoded on first use: each of ingest's writes reads one section of every
     * file (bronze the accepted rows, quarantine the rejected ones), so the others stay bytes.
     */
    private static final class EncodedRows extends AbstractList<Row> implements java.io.Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int count;
        private final byte[] bytes;
        private final String file;
        private transient List<Row> rows;

        EncodedRows(int count, byte[] bytes, String file) {
            this.count = count;
            this.bytes = bytes;
            this.file = file;
        }

        /** Serialized alone (not inside its file's form), a section is its rows. */
        @Serial
        private Object writeReplace() {
            return rows();
        }

        @Override
        public Row get(int index) {
            return rows().get(index);
        }

        @Override
        public int size() {
            return count;
        }

        private List<Row> rows() {
            if (rows == null) {
                rows = decode(count, bytes, file);
            }
            return rows;
        }
    }

    private static void writeValue(DataOutput out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        }
        else if (value instanceof String text) {
            writeText(out, text);
        }
        else if (value instanceof Integer number) {
            out.writeByte(INTEGER);
            out.writeInt(number);
        }
        else if (value instanceof LocalDate date) {
            out.writeByte(DATE);
            out.writeLong(date.toEpochDay());
        }
        else if (value instanceof Instant instant) {
            out.writeByte(INSTANT);
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
        else {
            throw new IllegalArgumentException("Cannot serialize a parsed row's value of type " + value.getClass().getName()
                    + " (ParsedFileForm knows the types of bronze, quarantine and restricted rows: add the new one)");
        }
    }

    private static void writeText(DataOutput out, String text) throws IOException {
        if (text.length() <= MAX_UTF_CHARS) {
            out.writeByte(SHORT_TEXT);
            out.writeUTF(text);
        }
        else {
            out.writeByte(LONG_TEXT);
            out.writeInt(text.length());
            out.writeChars(text);
        }
    }

    private static Object readValue(DataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case SHORT_TEXT -> in.readUTF();
            case LONG_TEXT -> readChars(in, in.readInt());
            case INTEGER -> in.readInt();
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            default -> throw new IOException("Cannot read a parsed row: unknown value tag " + tag + " (the cache was written by other code)");
        };
    }

    private static String readChars(DataInput in, int length) throws IOException {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }
}
