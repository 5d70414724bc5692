package vn.provpulse.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Field;
import vn.provpulse.contract.FieldType;
import vn.provpulse.contract.ParsedValues;
import vn.provpulse.contract.Rejection;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.SourceFormat;
import vn.provpulse.contract.Sources;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Turns one landing file into bronze rows, quarantine rows and restricted text rows. Runs on
 * Spark executors, so it holds only serialisable settings.
 */
public final class FileParser implements Serializable {

    private final Map<String, HeaderNames> headerNamesBySource;
    private final String zoneId;
    private final Pseudonymizer pseudonymizer;

    public FileParser(Map<String, HeaderNames> headerNamesBySource, String zoneId, Pseudonymizer pseudonymizer) {
        this.headerNamesBySource = Map.copyOf(headerNamesBySource);
        this.zoneId = requireNonNull(zoneId, "zoneId is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    }

    public ParsedFile parse(LandingFile file) {
        try {
            return parse(file, Files.readAllBytes(Path.of(file.absolutePath())));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read landing file " + file.absolutePath(), e);
        }
    }

    public ParsedFile parse(LandingFile file, byte[] content) {
        SourceContract contract = Sources.byName(file.source()).orElseThrow();
        HeaderNames headerNames = headerNamesBySource.getOrDefault(file.source(), new HeaderNames(Map.of()));
        List<RawRecord> records = contract.format() == SourceFormat.CSV
                ? CsvReader.read(content, headerNames)
                : JsonLinesReader.read(content, headerNames);
        List<String> header = contract.format() == SourceFormat.CSV ? RawTextMask.header(content, headerNames) : null;
        RowValidator validator = new RowValidator(contract, zoneId);
        String restrictedText = contract.restrictedText().map(Field::name).orElse(null);
        List<Row> accepted = new ArrayList<>();
        List<Row> quarantined = new ArrayList<>();
        List<Row> restricted = new ArrayList<>();
        for (RawRecord record : records) {
            if (!record.isReadable()) {
                quarantined.add(quarantineRow(file, contract, header, record, new Rejection(record.problemCode(), null, record.problemDetail())));
                continue;
            }
            RowValidator.Result result = validator.validate(record.fields(), file.dataDate());
            if (!result.isAccepted()) {
                quarantined.add(quarantineRow(file, contract, header, record, result.rejection()));
                continue;
            }
            accepted.add(bronzeRow(file, contract, record, result.values()));
            String text = restrictedText == null ? null : record.fields().get(restrictedText);
            if (text != null && !text.isBlank()) {
                restricted.add(RowFactory.create(result.values().text(Feedback.FEEDBACK_ID), text,
                        file.fileName(), record.line(), file.dataDate()));
            }
        }
        return new ParsedFile(file, records.size(), quarantined.size(), accepted, quarantined, restricted);
    }

    private Row bronzeRow(LandingFile file, SourceContract contract, RawRecord record, ParsedValues values) {
        List<Object> row = new ArrayList<>();
        for (Field field : contract.openFields()) {
            row.add(values.get(field.name()));
            if (field.type() == FieldType.TIMESTAMP) {
                row.add(values.get(field.localDateColumn()));
            }
        }
        if (contract.hasIdentityFields()) {
            row.add(pseudonymizer.citizenKey(values.text(Feedback.CITIZEN_ID_NUMBER), values.text(Feedback.CITIZEN_PHONE)));
        }
        if (contract.wholeRowDuplicateKey()) {
            row.add(pseudonymizer.pseudonym(contract.fields().stream()
                    .map(field -> record.fields().getOrDefault(field.name(), "").strip())
                    .collect(Collectors.joining("\u0001"))));
        }
        row.add(file.fileName());
        row.add(record.line());
        row.add(file.dataDate());
        return RowFactory.create(row.toArray());
    }

    private static Row quarantineRow(LandingFile file, SourceContract contract, List<String> header, RawRecord record, Rejection rejection) {
        String unitCode = JsonLinesReader.plain(record.fields().get(vn.provpulse.contract.Units.UNIT_CODE));
        return RowFactory.create(contract.name(), unitCode == null || unitCode.isBlank() ? null : unitCode.strip(),
                rejection.reason(), rejection.code(), rejection.field(), rejection.detail(),
                RawTextMask.masked(contract, header, record.rawText()), file.fileName(), record.line(), file.dataDate());
    }

    /** What one file gave: rows read, and the rows for each output. */
    public record ParsedFile(LandingFile file, int rowsRead, int quarantinedCount, List<Row> accepted, List<Row> quarantined, List<Row> restricted)
            implements Serializable {
        /** Serialized as {@link ParsedFileForm}: compact, and several times faster than the rows' own serialization. */
        @java.io.Serial
        private Object writeReplace() {
            return new ParsedFileForm(this);
        }

        /** The same file's counts without its rows, cheap to collect on the driver. */
        public ParsedFile countsOnly() {
            return new ParsedFile(file, rowsRead, quarantinedCount, List.of(), List.of(), List.of());
        }
    }
}
