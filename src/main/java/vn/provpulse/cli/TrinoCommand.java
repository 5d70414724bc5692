package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.trino.TrinoJava;
import vn.provpulse.trino.TrinoServer;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** provpulse trino start|stop|status|cert|passwd: the bundled Trino server over the configured warehouse. */
@Command(name = "trino", mixinStandardHelpOptions = true,
        description = "Start, stop or check the bundled Trino 476 server (Hive connector over the published tables, on 127.0.0.1); "
                + "in password mode (trino.security: password) make its self-signed certificate (cert) and set users' passwords (passwd USER). "
                + "Needs a JDK 24+: trino.java_home, TRINO_JAVA_HOME, or one under /usr/lib/jvm.")
final class TrinoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, status, cert or passwd")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "USER", description = "passwd: the user whose password to add or change")
    String user;

    @Option(names = "--host", paramLabel = "NAME", description = "cert: a host name or IP address clients connect to (repeatable; default: 127.0.0.1 and localhost)")
    List<String> hosts;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws IOException {
        ProvPulseConfig settings = options.load();
        TrinoServer server = server(settings);
        switch (action) {
            case "start" -> {
                server.start();
                System.out.println("Trino is up: " + server.jdbcUrl() + " (" + server.mode() + ")");
                System.out.println("Users: " + settings.trino().serviceUser() + " publishes; " + String.join(", ", settings.trino().provinceReaders())
                        + " read gold and silver; unit users of " + settings.trino().unitUsersFile() + " read their unit's rows");
            }
            case "stop" -> {
                server.stop();
                System.out.println("Trino stopped");
            }
            case "status" -> {
                System.out.println(server.mode());
                boolean up = server.isUp();
                System.out.println(up ? "Trino is up: " + server.jdbcUrl() : "Trino is not running (port " + settings.trino().port() + ")");
                return up ? 0 : 3;
            }
            case "cert" -> {
                List<String> names = hosts == null || hosts.isEmpty() ? List.of("127.0.0.1", "localhost") : hosts;
                server.secrets().createCertificate(TrinoJava.find(settings.trino().javaHome(), System.getenv(), Path.of("/usr/lib/jvm")), names);
                System.out.println("Self-signed keystore for " + String.join(", ", names) + ": " + server.secrets().keystore()
                        + "; clients trust " + server.secrets().certificate());
            }
            case "passwd" -> {
                if (user == null) {
                    throw new IllegalArgumentException("Cannot set a password: name the user (provpulse trino passwd USER)");
                }
                char[] password = readPassword(user);
                try {
                    server.secrets().setPassword(user, password);
                }
                finally {
                    Arrays.fill(password, '\0');
                }
                System.out.println("Password of " + user + " set in " + server.secrets().passwordFile() + " (Trino reads it again within a second)");
            }
            default -> throw new IllegalArgumentException("Cannot run trino " + action + ": the action must be start, stop, status, cert or passwd");
        }
        return 0;
    }

    /** From the terminal without echo, typed twice; else the first line of standard input. */
    private static char[] readPassword(String user) throws IOException {
        Console console = System.console();
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("Cannot set the password of " + user + ": standard input is empty");
            }
            return line.toCharArray();
        }
        char[] first = console.readPassword("New password of %s: ", user);
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("Cannot set the password of " + user + ": the two entries differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    static TrinoServer server(ProvPulseConfig settings) {
        return ServerOptions.server(settings);
    }
}
