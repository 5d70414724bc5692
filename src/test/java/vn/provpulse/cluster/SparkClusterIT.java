package vn.provpulse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and two workers started from the Maven
 * classpath), the nightly job submitted to it with spark-submit, and its gold compared with local
 * mode's. Every process it starts is stopped by PID, with its children, even when a test fails.
 */
class SparkClusterIT {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 8);
    private static final String KEY = "provpulse-test-key-0123456789abcdef";
    @TempDir
    static Path directory;
    private static final List<Process> processes = new ArrayList<>();
    private static SparkSession spark;
    private static WarehouseLayout local;
    private static WarehouseLayout cluster;
    private static int submitExit;
    private static String submitOutput;

    @BeforeAll
    static void runOnTheClusterAndLocally() throws Exception {
        new ProvinceGenerator(new ProvinceGenerator.Options(13, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        ProvPulseConfig localConfig = TestSpark.configFor(directory, "local");
        local = new WarehouseLayout(Path.of(localConfig.paths().warehouse()));
        cluster = new WarehouseLayout(directory.resolve("cluster"));
        String classpath = Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        Path sparkHome = sparkHome(classpath);
        Path appJar = jarOf(Path.of("target/classes"), directory.resolve("provpulse-app.jar"));
        int masterPort = FreePorts.next();
        int masterUi = FreePorts.next();
        processes.add(start(List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
                "--webui-port", String.valueOf(masterUi)), classpath, sparkHome, "master"));
        awaitPort(masterPort);
        for (int worker = 1; worker <= 2; worker++) {
            processes.add(start(List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", String.valueOf(FreePorts.next()), "--work-dir", directory.resolve("work-" + worker).toString(),
                    "spark://127.0.0.1:" + masterPort), classpath, sparkHome, "worker-" + worker));
        }
        awaitWorkers(masterUi, 2);
        Path events = Files.createDirectories(directory.resolve("events"));
        Process submit = start(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "spark://127.0.0.1:" + masterPort,
                "--deploy-mode", "client", "--class", "vn.provpulse.cli.ProvPulse",
                "--conf", "spark.executor.memory=700m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false", "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", moduleFlags()),
                appJar.toString(), "backfill", "--from", FROM.toString(), "--to", TO.toString(),
                "--landing", directory.resolve("landing").toString(), "--warehouse", cluster.root().toString()), classpath, sparkHome, "submit");
        processes.add(submit);
        if (!submit.waitFor(8, TimeUnit.MINUTES)) {
            submit.destroyForcibly();
        }
        submitExit = submit.isAlive() ? -1 : submit.exitValue();
        submitOutput = Files.readString(directory.resolve("submit.log"));
        spark = TestSpark.shared();
        new NightlyPipeline(spark, localConfig).run(FROM, TO, "backfill", "local");
    }

    @AfterAll
    static void stopEverything() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(processes).noneMatch(Process::isAlive);
    }

    @Test
    void clusterGoldEqualsLocalGold() {
        assertThat(submitExit).as(submitOutput).isZero();
        for (String table : GoldJob.TABLES) {
            Dataset<Row> onCluster = spark.read().parquet(cluster.gold(table).toString()).drop("first_seen_run_date");
            Dataset<Row> locally = spark.read().parquet(local.gold(table).toString()).drop("first_seen_run_date");
            assertThat(onCluster.count()).as(table).isEqualTo(locally.count());
            assertThat(onCluster.exceptAll(locally).count() + locally.exceptAll(onCluster).count()).as(table).isZero();
        }
    }

    @Test
    void bothWorkersExecutorsRanTasks() throws IOException {
        assertThat(submitExit).as(submitOutput).isZero();
        Set<String> executors = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> logs = Files.walk(directory.resolve("events"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains("\"SparkListenerTaskEnd\"")) {
                        JsonNode event = json.readTree(line);
                        executors.add(event.path("Task Info").path("Executor ID").asText());
                    }
                }
            }
        }
        assertThat(executors).hasSizeGreaterThanOrEqualTo(2).doesNotContain("driver");
    }

    private static Process start(List<String> mainAndArguments, String classpath, Path sparkHome, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(moduleFlags());
        command.add("-Dlog4j2.configurationFile=" + Path.of("src/test/resources/log4j2-test.xml").toAbsolutePath());
        command.addAll(List.of("-cp", classpath));
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("PROVPULSE_PII_KEY", KEY);
        return builder.start();
    }

    /** Spark's own module flags (JavaModuleOptions), as the launcher script passes them. */
    private static List<String> moduleFlags() {
        List<String> flags = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions"));
        flags.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
        return flags;
    }

    /** A SPARK_HOME whose jars/ holds the runtime jars, which workers put on their executors' classpath. */
    private static Path sparkHome(String classpath) throws IOException {
        Path jars = Files.createDirectories(directory.resolve("spark-home/jars"));
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar")) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return jars.getParent();
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream stream = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stream.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                stream.write(Files.readAllBytes(file));
                stream.closeEntry();
            }
        }
        return jar;
    }

    private static void awaitPort(int port) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            }
            catch (IOException e) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the Spark master did not open port " + port);
    }

    private static void awaitWorkers(int masterUi, int workers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(90);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
                if (new ObjectMapper().readTree(last).path("aliveworkers").asInt() >= workers) {
                    return;
                }
            }
            catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the workers did not register with the master: " + last);
    }
}
