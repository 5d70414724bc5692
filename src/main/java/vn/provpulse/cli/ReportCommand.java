package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.dashboards.HeadlessChromium;
import vn.provpulse.dashboards.LeadershipReport;
import vn.provpulse.trino.TrinoServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/** provpulse report --date D: the leadership report from the published tables, HTML and PDF. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the leadership report (Vietnamese, self-contained HTML, and a PDF when Chromium is installed) from the tables published in Trino. "
                + "It reads as trino.service_user; in password mode its password comes from trino.service_password_env (PROVPULSE_TRINO_PASSWORD).")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--date", required = true, paramLabel = "D", description = "The run date the published figures are as of, yyyy-mm-dd.")
    LocalDate date;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML file to write (default: <warehouse>/../report/bao-cao-<D>.html).")
    Path out;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig settings = options.load();
        Path html = out != null ? out : Path.of(settings.paths().warehouse()).toAbsolutePath().resolveSibling("report").resolve("bao-cao-" + date + ".html");
        Optional<Path> pdf = write(TrinoCommand.server(settings), date, html);
        System.out.println("Report: " + html.toAbsolutePath() + pdf.map(file -> "  PDF: " + file.toAbsolutePath()).orElse("  (no PDF: Chromium is not installed)"));
        return 0;
    }

    /** Writes the HTML report, read as the pipeline's service user (in password mode: HTTPS and its password, like a publish). */
    public static void writeHtml(TrinoServer server, LocalDate date, Path html) throws Exception {
        if (!server.isUp()) {
            throw new IllegalStateException("Cannot build the report: Trino at " + server.jdbcUrl() + " is not running (start it with: provpulse trino start)");
        }
        try (Connection connection = server.connectAsService()) {
            Files.createDirectories(html.toAbsolutePath().getParent());
            Files.writeString(html, new LeadershipReport(connection).render(date), StandardCharsets.UTF_8);
        }
    }

    /** Writes the HTML report, and the PDF when Chromium is there; returns the PDF's path. */
    static Optional<Path> write(TrinoServer server, LocalDate date, Path html) throws Exception {
        writeHtml(server, date, html);
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            return Optional.empty();
        }
        Path pdf = html.resolveSibling(html.getFileName().toString().replace(".html", ".pdf"));
        chromium.get().printToPdf(html, pdf);
        return Optional.of(pdf);
    }
}
