package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.provpulse.dashboards.SupersetBundle;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** provpulse dashboards bundle: zips dashboards/superset for superset import-dashboards. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Zip the Superset dashboards kept as code (dashboards/superset) into an importable bundle: superset import-dashboards -p FILE, or POST /api/v1/dashboard/import/.")
final class DashboardsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "bundle")
    String action;

    @Option(names = "--source", defaultValue = SupersetBundle.DEFAULT_FOLDER, description = "Bundle folder (default: ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--out", defaultValue = "target/provpulse-dashboards.zip", description = "Zip to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        if (!action.equals("bundle")) {
            throw new IllegalArgumentException("Cannot run dashboards " + action + ": the only action is bundle");
        }
        SupersetBundle bundle = SupersetBundle.load(source);
        bundle.zip(out);
        System.out.println("Wrote " + out.toAbsolutePath() + " (" + bundle.files().size() + " files: 1 database, "
                + bundle.of("datasets").size() + " datasets, " + bundle.of("charts").size() + " charts, " + bundle.of("dashboards").size() + " dashboards)");
        return 0;
    }
}
