package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.ingest.IngestJob;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.metrics.GoldState;
import vn.provpulse.metrics.QualityGate;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.SilverState;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The stages as the Airflow DAG runs them (sources ingested in parallel, then refine, gold, gate) give the nightly run's gold. */
class StagedRunIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 12);
    @TempDir
    static Path directory;
    private static WarehouseLayout nightly;
    private static WarehouseLayout staged;
    private static ProvPulseConfig stagedConfig;

    @BeforeAll
    static void runBothWays() throws Exception {
        new ProvinceGenerator(new ProvinceGenerator.Options(9, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        ProvPulseConfig nightlyConfig = TestSpark.configFor(directory, "nightly");
        stagedConfig = TestSpark.configFor(directory, "staged");
        nightly = new WarehouseLayout(Path.of(nightlyConfig.paths().warehouse()));
        staged = new WarehouseLayout(Path.of(stagedConfig.paths().warehouse()));
        new NightlyPipeline(spark, nightlyConfig).run(FROM, TO, "backfill", "nightly");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<IngestJob.IngestResult>> ingests = new ArrayList<>();
        for (SourceContract source : Sources.ALL) {
            ingests.add(pool.submit(() -> new IngestJob(spark, staged, NightlyPipeline.fileParser(stagedConfig, Map.of()))
                    .execute(Path.of(stagedConfig.paths().landing()), TO, "ingest", List.of(source))));
        }
        for (Future<IngestJob.IngestResult> ingest : ingests) {
            assertThat(ingest.get().ingested()).isNotEmpty();
        }
        pool.shutdown();
        RefineJob refine = new RefineJob(spark, staged, stagedConfig.feedback().defaultResponseDays());
        refine.execute(TO);
        spark.catalog().clearCache();
        new GoldJob(spark, staged, stagedConfig).execute(refine.load(TO), TO);
    }


    @Test
    void stagesInParallelGiveTheSameGoldAsTheNightlyRun() {
        for (String table : GoldJob.TABLES) {
            Dataset<Row> a = spark.read().parquet(nightly.gold(table).toString()).drop("first_seen_run_date");
            Dataset<Row> b = spark.read().parquet(staged.gold(table).toString()).drop("first_seen_run_date");
            assertThat(a.exceptAll(b).count() + b.exceptAll(a).count()).as(table).isZero();
        }
    }

    @Test
    void qualityGatePassesForTheNightAndRefusesAnotherDate() {
        QualityGate gate = new QualityGate(spark, staged, stagedConfig.qualityGate());
        assertThat(gate.check(TO)).isEmpty();
        assertThat(gate.check(TO.plusDays(1))).anyMatch(failure -> failure.contains("gold is not as of"));
        assertThat(new QualityGate(spark, staged, new ProvPulseConfig.QualityGate(0.0)).check(TO))
                .anyMatch(failure -> failure.contains("were quarantined"));
    }

    @Test
    void refiningSilverAnewLeavesNoEarlierGoldToBuildOn() throws IOException {
        // silver already as of TO: refined again in a full pass, as when late files came after the night's gold
        WarehouseLayout rerun = new WarehouseLayout(directory.resolve("rerun"));
        Fixtures.copyTree(staged.root(), rerun.root());
        assertThat(GoldState.read(rerun.goldState())).map(GoldState::asOf).contains(TO);

        new RefineJob(spark, rerun, stagedConfig.feedback().defaultResponseDays()).execute(TO);

        assertThat(SilverState.read(rerun.silverState()).orElseThrow().incremental()).isFalse();
        assertThat(GoldState.read(rerun.goldState())).isEmpty();
    }

    @Test
    void goldForADateThatWasNotRefinedIsRefused() {
        RefineJob refine = new RefineJob(spark, staged, stagedConfig.feedback().defaultResponseDays());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refine.load(TO.minusDays(1)))
                .hasMessageContaining("silver is as of " + TO);
    }
}
