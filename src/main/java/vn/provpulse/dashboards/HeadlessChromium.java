package vn.provpulse.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, for the report's PDF and for looking at the page as a person would. */
public final class HeadlessChromium {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=10000");
    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    public static Optional<HeadlessChromium> find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(new HeadlessChromium(Path.of(candidate)));
            }
        }
        return Optional.empty();
    }

    public void printToPdf(Path page, Path pdf) {
        run(page, "--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer");
    }

    public void screenshot(Path page, Path png, int width, int height) {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    /** The DOM after the page's scripts ran. */
    public String dumpDom(Path page) {
        return run(page, "--dump-dom");
    }

    private String run(Path page, String... extra) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("provpulse-chromium");
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(List.of(extra));
            command.add(page.toAbsolutePath().toUri().toString());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium failed on " + page + " (exit " + (process.isAlive() ? "timeout" : process.exitValue()) + ")");
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + executable, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running Chromium", e);
        }
        finally {
            if (profile != null) {
                vn.provpulse.storage.LocalFiles.deleteRecursively(profile);
            }
        }
    }
}
