package vn.provpulse.ingest;

import vn.provpulse.contract.SourceContract;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Lists the landing files a run for D may read (docs/reliability.md, "Nothing in the landing zone is ignored in silence"): only
 * &lt;source&gt;/&lt;yyyy-mm-dd&gt;/&lt;file&gt; with a date ≤ D. Nothing else is ignored in silence:
 * every other file or folder is listed as skipped, with the reason.
 */
public final class LandingScanner {
    /** A name starting with "." (editor and transfer debris, hidden files). */
    public static final String IGNORED_NAME = "ignored_name";
    /** A folder (or a file) under a source that is not a yyyy-mm-dd date folder, e.g. 2026-1-2, 2026-13-45, latest. */
    public static final String NOT_A_DATE_FOLDER = "not_a_date_folder";
    /** A symbolic link whose target lies outside the landing zone, or a broken one: never followed. */
    public static final String SYMLINK_OUTSIDE_LANDING = "symlink_outside_landing";
    /** A date folder after the run's date: read by the run for that date. */
    public static final String FUTURE_DATE_FOLDER = "future_date_folder";
    /** Something inside a date folder that is not a regular file (a nested folder, a device, a pipe). */
    public static final String NOT_A_FILE = "not_a_file";
    /** An entry of the landing root that is not a source folder. */
    public static final String UNKNOWN_SOURCE = "unknown_source";

    private LandingScanner() {}

    /** What a scan found: the files to read, in delivery order, and every other entry with the reason it was skipped. */
    public record Scan(List<LandingFile> files, List<SkippedInput> skipped) {
        public Scan {
            files = List.copyOf(requireNonNull(files, "files is null"));
            skipped = List.copyOf(requireNonNull(skipped, "skipped is null"));
        }
    }

    /** A landing entry not read, with its path relative to the landing root and the reason. */
    public record SkippedInput(String path, String reason) implements Serializable {
        public SkippedInput {
            requireNonNull(path, "path is null");
            requireNonNull(reason, "reason is null");
        }
    }

    public static List<LandingFile> scan(Path landingRoot, List<SourceContract> sources, LocalDate asOf) {
        return scanWithSkipped(landingRoot, sources, asOf).files();
    }

    public static Scan scanWithSkipped(Path landingRoot, List<SourceContract> sources, LocalDate asOf) {
        Walk walk = new Walk(landingRoot);
        for (SourceContract source : sources) {
            Path sourceDirectory = landingRoot.resolve(source.name());
            if (Files.isDirectory(sourceDirectory) && walk.readable(sourceDirectory)) {
                walk.source(source.name(), sourceDirectory, asOf);
            }
        }
        walk.files.sort(LandingFile.DELIVERY_ORDER);
        return new Scan(walk.files, walk.skipped);
    }

    /** The entries of the landing root that are not a folder of any of the sources. */
    public static List<SkippedInput> unknownEntries(Path landingRoot, List<SourceContract> sources) {
        Set<String> names = sources.stream().map(SourceContract::name).collect(Collectors.toSet());
        Walk walk = new Walk(landingRoot);
        for (Path entry : list(landingRoot)) {
            String name = entry.getFileName().toString();
            if (!names.contains(name)) {
                walk.skip(entry, name.startsWith(".") ? IGNORED_NAME : UNKNOWN_SOURCE);
            }
        }
        return List.copyOf(walk.skipped);
    }

    /** One scan's state: the landing root's real location, and what was found so far. */
    private static final class Walk {
        private final Path root;
        private final Path realRoot;
        private final List<LandingFile> files = new ArrayList<>();
        private final List<SkippedInput> skipped = new ArrayList<>();

        Walk(Path root) {
            this.root = root;
            this.realRoot = realPath(root).orElse(root.toAbsolutePath().normalize());
        }

        void source(String source, Path sourceDirectory, LocalDate asOf) {
            for (Path dateDirectory : list(sourceDirectory)) {
                String name = dateDirectory.getFileName().toString();
                if (!readable(dateDirectory)) {
                    continue;
                }
                Optional<LocalDate> dataDate = dateFolder(name);
                if (name.startsWith(".")) {
                    skip(dateDirectory, IGNORED_NAME);
                }
                else if (!Files.isDirectory(dateDirectory) || dataDate.isEmpty()) {
                    skip(dateDirectory, NOT_A_DATE_FOLDER);
                }
                else if (dataDate.get().isAfter(asOf)) {
                    skip(dateDirectory, FUTURE_DATE_FOLDER);
                }
                else {
                    day(source, dataDate.get(), dateDirectory);
                }
            }
        }

        private void day(String source, LocalDate dataDate, Path dateDirectory) {
            for (Path file : list(dateDirectory)) {
                String name = file.getFileName().toString();
                if (!readable(file)) {
                    continue;
                }
                if (name.startsWith(".")) {
                    skip(file, IGNORED_NAME);
                }
                else if (!Files.isRegularFile(file)) {
                    skip(file, NOT_A_FILE);
                }
                else {
                    files.add(new LandingFile(source, dataDate, name, file.toAbsolutePath().toString(), size(file)));
                }
            }
        }

        /** False (and listed) for a symbolic link that leads out of the landing zone or nowhere. */
        boolean readable(Path entry) {
            if (!Files.isSymbolicLink(entry)) {
                return true;
            }
            Optional<Path> target = realPath(entry);
            if (target.isPresent() && target.get().startsWith(realRoot)) {
                return true;
            }
            skip(entry, SYMLINK_OUTSIDE_LANDING);
            return false;
        }

        void skip(Path entry, String reason) {
            skipped.add(new SkippedInput(root.relativize(entry).toString().replace('\\', '/'), reason));
        }
    }

    /** A folder name that is exactly a date yyyy-mm-dd. */
    static Optional<LocalDate> dateFolder(String name) {
        if (!name.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.empty();
        }
        return RowValidator.parseDate(name);
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the landing folder " + directory, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of landing file " + file, e);
        }
    }
}
