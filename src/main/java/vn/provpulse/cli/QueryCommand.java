package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.trino.TrinoServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** provpulse query "SQL": runs SQL on the bundled Trino and prints a table. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Run SQL on the bundled Trino (as analyst by default) and print the result as a table. "
        + "In password mode the password comes from TRINO_PASSWORD, else it is asked for without echo.")
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT * FROM gold.unit_scorecard LIMIT 5\".")
    String sql;

    @Option(names = "--user", defaultValue = TrinoServer.ANALYST, description = "Trino user (default: ${DEFAULT-VALUE}).")
    String user;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws SQLException {
        ProvPulseConfig settings = options.load();
        TrinoServer server = TrinoCommand.server(settings);
        try (Connection connection = server.connect(user, settings.trino().passwordMode() ? password() : null);
             Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    System.out.print(render(rows));
                }
            }
            else {
                System.out.println("OK");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Query failed at " + server.jdbcUrl() + " as " + user + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private String password() {
        String fromEnvironment = System.getenv("TRINO_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        if (System.console() == null) {
            throw new IllegalStateException("Cannot query as " + user + ": the server wants a password (set TRINO_PASSWORD, or run in a terminal)");
        }
        return new String(System.console().readPassword("Password of %s: ", user));
    }

    static String render(ResultSet rows) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        int columns = metadata.getColumnCount();
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = metadata.getColumnLabel(i + 1);
        }
        lines.add(header);
        while (rows.next()) {
            String[] line = new String[columns];
            for (int i = 0; i < columns; i++) {
                Object value = rows.getObject(i + 1);
                line[i] = value == null ? "NULL" : value.toString();
            }
            lines.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < lines.size(); index++) {
            String[] line = lines.get(index);
            for (int i = 0; i < columns; i++) {
                out.append(i == 0 ? "" : " | ").append(line[i]).append(" ".repeat(widths[i] - line[i].codePointCount(0, line[i].length())));
            }
            out.append(System.lineSeparator());
            if (index == 0) {
                for (int i = 0; i < columns; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.append(System.lineSeparator());
            }
        }
        out.append("(").append(lines.size() - 1).append(" rows)").append(System.lineSeparator());
        return out.toString();
    }
}
