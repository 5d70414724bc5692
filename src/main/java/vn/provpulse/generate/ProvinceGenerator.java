package vn.provpulse.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Field;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A deterministic synthetic province written in the landing layout of the README, with a manifest of
 * everything planted. Same options, same bytes. The clean data does not depend on the dirty rate:
 * bad rows are drawn from their own random stream.
 */
public final class ProvinceGenerator {
    static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** SF1 = one province-year: 30k tasks, 20k feedback items, 300k ratings over about 100 units. */
    private static final double TASKS_PER_UNIT_WEEKDAY = 30_000.0 / 100 / 250;
    private static final double FEEDBACK_PER_UNIT_DAY = 20_000.0 / 100 / 365;
    private static final double RATINGS_PER_UNIT_DAY = 300_000.0 / 100 / 365;
    private static final List<String> DOCUMENTS = List.of("54-KL/TW", "03-CT/TU", "120/KH-UBND", "57-NQ/TW", "18-NQ/TW", "366-QĐ/TW");
    private static final List<String> TASK_VERBS = List.of("Triển khai", "Rà soát", "Báo cáo", "Hoàn thiện hồ sơ", "Kiểm tra", "Tổng hợp");
    private static final List<String> TASK_SUBJECTS = List.of("chuyển đổi số", "cải cách hành chính", "giải phóng mặt bằng",
            "xóa nhà tạm", "chương trình mục tiêu quốc gia", "thu ngân sách", "phòng chống thiên tai", "đề án 06");

    private final Options options;
    private final Random random;
    private final List<GeneratedUnit> units;
    private final Plan plan;
    private final TreeMap<String, List<GeneratedRow>> rowsByFile = new TreeMap<>();
    private int taskCounter;
    private int feedbackCounter;
    private int ratingCounter;

    /** What to generate. */
    public record Options(long seed, LocalDate from, LocalDate to, double scaleFactor, double dirtyRate, Path out) {
        public Options {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(out, "out is null");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("Cannot generate: --to " + to + " is before --from " + from);
            }
            if (scaleFactor <= 0) {
                throw new IllegalArgumentException("Cannot generate: --sf must be > 0 (got " + scaleFactor + ")");
            }
            if (dirtyRate < 0 || dirtyRate > 0.5) {
                throw new IllegalArgumentException("Cannot generate: --dirty must be a fraction in [0, 0.5] (got " + dirtyRate + ")");
            }
        }
    }

    public ProvinceGenerator(Options options) {
        this.options = requireNonNull(options, "options is null");
        this.random = new Random(options.seed());
        this.units = UnitCatalog.build(random, options.from(), options.to());
        this.plan = Plan.choose(options.from(), options.to());
    }

    /** Generates the province; reports progress as a fraction of days done. */
    public Manifest generate(Consumer<Double> progress) {
        long days = options.to().toEpochDay() - options.from().toEpochDay() + 1;
        for (LocalDate day = options.from(); !day.isAfter(options.to()); day = day.plusDays(1)) {
            for (GeneratedUnit unit : units) {
                if (!unit.merged()) {
                    simulateDay(unit, day);
                }
            }
            legacyRatings(day);
            progress.accept((day.toEpochDay() - options.from().toEpochDay() + 1) / (double) days);
        }
        plantPatterns();
        fillSilentDays();
        plan.silence(rowsByFile);
        return new FileEmitter(options, units, rowsByFile, plan).emit();
    }

    private void simulateDay(GeneratedUnit unit, LocalDate day) {
        double weekday = day.getDayOfWeek().getValue() >= 6 ? 0.15 : 1.0;
        double holiday = Plan.isTet(day) ? 0.1 : 1.0;
        double scale = options.scaleFactor() * weekday * holiday;
        for (int i = poisson(TASKS_PER_UNIT_WEEKDAY * scale); i > 0; i--) {
            newTask(unit, day, false);
        }
        for (int i = poisson(FEEDBACK_PER_UNIT_DAY * scale * 1.2); i > 0; i--) {
            newFeedback(unit, day);
        }
        boolean badDay = random.nextDouble() < 0.05;
        for (int i = poisson(RATINGS_PER_UNIT_DAY * options.scaleFactor() * (weekday * 1.3) * holiday); i > 0; i--) {
            newRating(unit, day, badDay);
        }
    }

    /** A merged commune's old kiosk still sends ratings under its old code for the first week. */
    private void legacyRatings(LocalDate day) {
        if (day.isBefore(options.from().plusDays(7))) {
            units.stream().filter(GeneratedUnit::merged).findFirst().ifPresent(merged -> newRating(merged, day, false));
        }
    }

    // ---- tasks ----------------------------------------------------------------------------

    private void newTask(GeneratedUnit unit, LocalDate assigned, boolean forHeartbeat) {
        Map<String, String> base = taskBase(unit, assigned);
        LocalDate due = assigned.plusDays(7 + random.nextInt(40));
        base.put(Tasks.DUE_DATE, due.toString());
        boolean cancelled = random.nextDouble() < 0.03;
        boolean extended = random.nextDouble() < 0.08;
        boolean neverDone = random.nextDouble() < 0.04 + unit.tier() * 0.04;
        double onTime = new double[] {0.93, 0.82, 0.55}[unit.tier()];
        LocalDateTime opened = assigned.atTime(8 + random.nextInt(4), random.nextInt(60));
        addTask(unit, base, opened, Tasks.STATUS_OPEN, null);
        LocalDate started = assigned.plusDays(1 + random.nextInt(3));
        addTask(unit, base, started.atTime(9 + random.nextInt(7), random.nextInt(60)), Tasks.STATUS_IN_PROGRESS, null);
        LocalDate effectiveDue = due;
        LocalDate lastEvent = started;
        if (extended) {
            LocalDate approved = due.minusDays(1 + random.nextInt(5));
            if (approved.isAfter(started)) {
                lastEvent = approved;
                effectiveDue = due.plusDays(7 + random.nextInt(14));
                base.put(Tasks.EXTENDED_DUE_DATE, effectiveDue.toString());
                base.put(Tasks.EXTENSION_APPROVED_AT, timestamp(approved.atTime(10, random.nextInt(60))));
                addTask(unit, base, approved.atTime(10, 30 + random.nextInt(29)), Tasks.STATUS_IN_PROGRESS, null);
            }
        }
        if (cancelled) {
            addTask(unit, base, lastEvent.plusDays(1 + random.nextInt(10)).atTime(15, random.nextInt(60)), Tasks.STATUS_CANCELLED, null);
            return;
        }
        if (neverDone && !forHeartbeat) {
            return;
        }
        LocalDate completed = random.nextDouble() < onTime
                ? laterOf(lastEvent.plusDays(1), effectiveDue.minusDays(random.nextInt(11)))
                : effectiveDue.plusDays(1 + random.nextInt(15));
        completed = plan.spikeCompletion(unit.code(), completed, effectiveDue);
        LocalDateTime completedAt = completed.atTime(9 + random.nextInt(8), random.nextInt(60));
        addTask(unit, base, completedAt.plusMinutes(5 + random.nextInt(120)), Tasks.STATUS_COMPLETED, completedAt);
    }

    private Map<String, String> taskBase(GeneratedUnit unit, LocalDate assigned) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put(Tasks.TASK_ID, String.format("T-%s-%06d", unit.code(), ++taskCounter));
        base.put(Tasks.SOURCE_SYSTEM, unit.type().equals("commune") || unit.type().equals("ward") ? "iOffice-xa" : "iOffice-tinh");
        base.put(Tasks.UNIT_CODE, unit.code());
        base.put(Tasks.ASSIGNEE, VietnameseNames.person(random));
        base.put(Tasks.TITLE, VietnameseNames.pick(TASK_VERBS, random) + " " + VietnameseNames.pick(TASK_SUBJECTS, random));
        base.put(Tasks.ASSIGNED_BY, "UBND tỉnh");
        base.put(Tasks.SOURCE_DOCUMENT, VietnameseNames.pick(DOCUMENTS, random));
        base.put(Tasks.CATEGORY, VietnameseNames.pick(List.of("regular", "regular", "difficult", "new", "backlog"), random));
        base.put(Tasks.ASSIGNED_DATE, assigned.toString());
        return base;
    }

    private void addTask(GeneratedUnit unit, Map<String, String> base, LocalDateTime updated, String status, LocalDateTime completedAt) {
        Map<String, String> row = new LinkedHashMap<>(base);
        row.put(Tasks.STATUS, status);
        if (completedAt != null) {
            row.put(Tasks.COMPLETED_AT, timestamp(completedAt));
            row.put(Tasks.RESULT_NOTE, "Đã hoàn thành, báo cáo kết quả");
        }
        row.put(Tasks.UPDATED_AT, timestamp(updated));
        add(Tasks.SOURCE, updated.toLocalDate(), unit.code(), row, false);
    }

    // ---- feedback -------------------------------------------------------------------------

    private void newFeedback(GeneratedUnit unit, LocalDate day) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put(Feedback.FEEDBACK_ID, String.format("PA-%s-%06d", unit.code(), ++feedbackCounter));
        base.put(Feedback.UNIT_CODE, unit.code());
        base.put(Feedback.CHANNEL, VietnameseNames.pick(List.of("portal", "hotline", "app", "in_person", "mail"), random));
        base.put(Feedback.TOPIC, VietnameseNames.pick(VietnameseNames.TOPICS, random));
        LocalDateTime received = day.atTime(7 + random.nextInt(10), random.nextInt(60));
        base.put(Feedback.RECEIVED_AT, timestamp(received));
        LocalDate deadline = day.plusDays(15);
        if (random.nextDouble() < 0.3) {
            deadline = day.plusDays(10);
            base.put(Feedback.RESPONSE_DEADLINE, deadline.toString());
        }
        base.put(Feedback.CITIZEN_NAME, VietnameseNames.person(random));
        base.put(Feedback.CITIZEN_PHONE, String.format("09%08d", random.nextInt(100_000_000)));
        base.put(Feedback.CITIZEN_ID_NUMBER, String.format("0%02d%09d", 11 + random.nextInt(20), random.nextInt(1_000_000_000)));
        base.put(Feedback.CONTENT, complaintText());
        addFeedback(unit, base, received, "received");
        if (random.nextDouble() < 0.03) {
            addFeedback(unit, base, received.plusDays(1), Feedback.STATUS_OUT_OF_SCOPE);
            return;
        }
        addFeedback(unit, base, received.plusDays(1).withHour(9), "processing");
        if (random.nextDouble() < 0.05 + unit.tier() * 0.05) {
            return;
        }
        boolean onTime = random.nextDouble() < new double[] {0.9, 0.75, 0.5}[unit.tier()];
        long window = deadline.toEpochDay() - day.toEpochDay();
        LocalDate answered = onTime ? day.plusDays(2 + random.nextInt((int) Math.max(1, window - 1))) : deadline.plusDays(1 + random.nextInt(10));
        LocalDateTime respondedAt = answered.atTime(8 + random.nextInt(9), random.nextInt(60));
        base.put(Feedback.RESPONDED_AT, timestamp(respondedAt));
        addFeedback(unit, base, respondedAt, "responded");
        LocalDateTime closedAt = respondedAt.plusDays(1 + random.nextInt(3));
        base.put(Feedback.CLOSED_AT, timestamp(closedAt));
        base.put(Feedback.CITIZEN_SATISFIED, random.nextDouble() < (onTime ? 0.85 : 0.4) ? "yes" : random.nextDouble() < 0.7 ? "no" : null);
        addFeedback(unit, base, closedAt, "closed");
    }

    private String complaintText() {
        String text = "Đề nghị xem xét, giải quyết việc " + VietnameseNames.pick(TASK_SUBJECTS, random);
        double kind = random.nextDouble();
        if (kind < 0.15) {
            text += "; người dân phản ánh \"chậm trễ\", chưa được trả lời";
        }
        else if (kind < 0.25) {
            text += ".\nKính mong cơ quan chức năng sớm trả lời.";
        }
        return text;
    }

    private void addFeedback(GeneratedUnit unit, Map<String, String> base, LocalDateTime at, String status) {
        Map<String, String> row = new LinkedHashMap<>(base);
        row.put(Feedback.STATUS, status);
        add(Feedback.SOURCE, at.toLocalDate(), unit.code(), row, false);
    }

    // ---- ratings --------------------------------------------------------------------------

    private void newRating(GeneratedUnit unit, LocalDate day, boolean badDay) {
        int[][] weights = {{1, 2, 7, 30, 60}, {3, 5, 12, 35, 45}, {10, 12, 20, 30, 28}};
        int score = weighted(weights[badDay ? 2 : unit.tier()]);
        LocalDateTime rated = day.atTime(7 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
        addRating(unit, rated, VietnameseNames.pick(List.of("kiosk", "portal", "sms", "app"), random), score, false);
    }

    private void addRating(GeneratedUnit unit, LocalDateTime rated, String channel, int score, boolean planted) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(Ratings.RATING_ID, String.format("DG-%s-%07d", unit.code(), ++ratingCounter));
        row.put(Ratings.DOSSIER_ID, String.format("HS-%s-%07d", unit.code(), ratingCounter));
        row.put(Ratings.UNIT_CODE, unit.code());
        row.put(Ratings.PROCEDURE_CODE, String.format("1.%06d", 1000 + random.nextInt(900)));
        boolean utc = channel.equals("portal") && rated.getHour() >= 8;
        row.put(Ratings.RATED_AT, utc ? rated.minusHours(7).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + "Z" : timestamp(rated));
        row.put(Ratings.CHANNEL, channel);
        row.put(Ratings.SCORE, String.valueOf(score));
        for (String criterion : Ratings.CRITERIA) {
            if (random.nextDouble() < 0.7) {
                row.put(criterion, String.valueOf(Math.max(1, Math.min(5, score + random.nextInt(3) - 1))));
            }
        }
        row.put(Ratings.DOSSIER_DUE_AT, timestamp(rated.toLocalDate().minusDays(random.nextInt(10)).atTime(17, 0)));
        row.put(Ratings.DOSSIER_COMPLETED_AT, timestamp(rated.minusHours(1 + random.nextInt(30))));
        add(Ratings.SOURCE, rated.toLocalDate(), unit.code(), row, planted);
    }

    // ---- planted patterns and heartbeats ------------------------------------------------

    private void plantPatterns() {
        if (!plan.enabled()) {
            return;
        }
        LocalDate month = plan.month();
        GeneratedUnit retroactive = unit(Plan.RETROACTIVE_UNIT);
        for (int i = 0; i < 3; i++) {
            Map<String, String> base = taskBase(retroactive, month.minusDays(20 + i));
            base.put(Tasks.DUE_DATE, month.plusDays(4).toString());
            addPlantedTask(retroactive, base, month.minusDays(19 + i).atTime(9, 0), Tasks.STATUS_IN_PROGRESS, null);
            base.put(Tasks.EXTENDED_DUE_DATE, month.plusDays(24).toString());
            base.put(Tasks.EXTENSION_APPROVED_AT, timestamp(month.plusDays(7 + i).atTime(14, 0)));
            addPlantedTask(retroactive, base, month.plusDays(7 + i).atTime(14, 30), Tasks.STATUS_IN_PROGRESS, null);
        }
        GeneratedUnit backdated = unit(Plan.BACKDATED_UNIT);
        for (int i = 0; i < 3; i++) {
            Map<String, String> base = taskBase(backdated, month.minusDays(10));
            base.put(Tasks.DUE_DATE, month.plusDays(11).toString());
            addPlantedTask(backdated, base, month.minusDays(10).atTime(9, 0), Tasks.STATUS_OPEN, null);
            LocalDateTime claimed = month.plusDays(9 + i).atTime(16, 0);
            addPlantedTask(backdated, base, claimed.plusDays(6), Tasks.STATUS_COMPLETED, claimed);
        }
        GeneratedUnit burst = unit(Plan.BURST_UNIT);
        LocalDateTime start = month.plusDays(13).atTime(9, 0);
        for (int i = 0; i < 25; i++) {
            addRating(burst, start.plusSeconds(i * 17L), "kiosk", 5, true);
        }
    }

    private void addPlantedTask(GeneratedUnit unit, Map<String, String> base, LocalDateTime updated, String status, LocalDateTime completedAt) {
        Map<String, String> row = new LinkedHashMap<>(base);
        row.put(Tasks.STATUS, status);
        if (completedAt != null) {
            row.put(Tasks.COMPLETED_AT, timestamp(completedAt));
        }
        row.put(Tasks.UPDATED_AT, timestamp(updated));
        add(Tasks.SOURCE, updated.toLocalDate(), unit.code(), row, true);
    }

    /** Every current unit delivers at least one row of each source a day (a silent unit is a planted pattern, not noise). */
    private void fillSilentDays() {
        for (LocalDate day = options.from(); !day.isAfter(options.to()); day = day.plusDays(1)) {
            for (GeneratedUnit unit : units) {
                if (unit.merged()) {
                    continue;
                }
                if (!rowsByFile.containsKey(FileEmitter.key(Tasks.SOURCE, day, unit.code()))) {
                    newTask(unit, day, true);
                }
                if (!rowsByFile.containsKey(FileEmitter.key(Feedback.SOURCE, day, unit.code()))) {
                    newFeedback(unit, day);
                }
                if (!rowsByFile.containsKey(FileEmitter.key(Ratings.SOURCE, day, unit.code()))) {
                    newRating(unit, day, false);
                }
            }
        }
    }

    private void add(String source, LocalDate day, String unitCode, Map<String, String> row, boolean planted) {
        if (day.isBefore(options.from()) || day.isAfter(options.to())) {
            return;
        }
        rowsByFile.computeIfAbsent(FileEmitter.key(source, day, unitCode), key -> new ArrayList<>()).add(new GeneratedRow(row, planted));
    }

    private GeneratedUnit unit(String code) {
        return units.stream().filter(unit -> unit.code().equals(code)).findFirst().orElseThrow();
    }

    private int poisson(double lambda) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private int weighted(int[] weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i + 1;
            }
        }
        return weights.length;
    }

    private static LocalDate laterOf(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static String timestamp(LocalDateTime local) {
        return local.atOffset(LOCAL).format(TIMESTAMP);
    }

    /** Writes the manifest as indented JSON. */
    public static void writeManifest(Manifest manifest, Path file) {
        try {
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), manifest);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** A generated row; planted rows are never made dirty. */
    record GeneratedRow(Map<String, String> fields, boolean planted) {}

    static List<String> columns(SourceContract contract) {
        return contract.fields().stream().map(Field::name).toList();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> unitColumns() {
        return columns(Units.CONTRACT);
    }
}
