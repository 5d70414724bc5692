package vn.provpulse.ingest;

import vn.provpulse.contract.SourceContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the landing files a run for D may read (SPEC §4, "What a run sees"): only
 * &lt;source&gt;/&lt;yyyy-mm-dd&gt;/&lt;file&gt; with a date ≤ D; anything else is ignored.
 */
public final class LandingScanner {
    private LandingScanner() {}

    public static List<LandingFile> scan(Path landingRoot, List<SourceContract> sources, LocalDate asOf) {
        List<LandingFile> files = new ArrayList<>();
        for (SourceContract source : sources) {
            Path sourceDirectory = landingRoot.resolve(source.name());
            if (!Files.isDirectory(sourceDirectory)) {
                continue;
            }
            for (Path dateDirectory : list(sourceDirectory)) {
                Optional<LocalDate> dataDate = RowValidator.parseDate(dateDirectory.getFileName().toString());
                if (!Files.isDirectory(dateDirectory) || dataDate.isEmpty() || dataDate.get().isAfter(asOf)) {
                    continue;
                }
                for (Path file : list(dateDirectory)) {
                    String name = file.getFileName().toString();
                    if (Files.isRegularFile(file) && !name.startsWith(".")) {
                        files.add(new LandingFile(source.name(), dataDate.get(), name, file.toAbsolutePath().toString(), size(file)));
                    }
                }
            }
        }
        files.sort(LandingFile.DELIVERY_ORDER);
        return List.copyOf(files);
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
