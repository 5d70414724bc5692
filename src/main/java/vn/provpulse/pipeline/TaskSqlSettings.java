package vn.provpulse.pipeline;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.sql.internal.ReadOnlySQLConf;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.internal.SQLConf$;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A Spark plugin that gives each task its SQL settings once. Spark 4.2's interpreted expressions ask for them
 * ({@code SQLConf.get}) row by row: a type lookup checks whether the types framework is on. On a task thread each
 * such call builds a new read-only settings object from the task's properties, binding every system property and
 * environment variable again: a tenth of a backfill's task time (docs/benchmark.md, "Session 13"). When a task
 * starts, this plugin builds that object once and puts it in the per-thread slot that {@code SQLConf.get} reads
 * first (the one {@code SQLConf.withExistingConf} fills); it empties the slot when the task ends. Same settings,
 * from the same task. On a Spark without that slot the plugin does nothing.
 */
public final class TaskSqlSettings implements SparkPlugin {
    private static final Logger LOG = LogManager.getLogger(TaskSqlSettings.class);

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return settingsSlot().<ExecutorPlugin>map(OncePerTask::new).orElse(null);
    }

    /** SQLConf's per-thread slot, if this Spark has it. */
    @SuppressWarnings("unchecked")
    private static Optional<ThreadLocal<SQLConf>> settingsSlot() {
        try {
            Method slot = SQLConf$.class.getDeclaredMethod("existingConf");
            slot.setAccessible(true);
            return Optional.of((ThreadLocal<SQLConf>) slot.invoke(SQLConf$.MODULE$));
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot give tasks their SQL settings once: this Spark's SQLConf has no per-thread slot ({}); tasks build them per call", e.toString());
            return Optional.empty();
        }
    }

    private static final class OncePerTask implements ExecutorPlugin {
        private final ThreadLocal<SQLConf> slot;
        /** Whether this thread's slot holds settings this plugin put there (a slot filled by Spark is left alone). */
        private final ThreadLocal<Boolean> filledHere = ThreadLocal.withInitial(() -> false);

        OncePerTask(ThreadLocal<SQLConf> slot) {
            this.slot = slot;
        }

        @Override
        public void onTaskStart() {
            TaskContext task = TaskContext.get();
            if (task != null && slot.get() == null) {
                slot.set(new ReadOnlySQLConf(task));
                filledHere.set(true);
            }
        }

        @Override
        public void onTaskSucceeded() {
            clearSlot();
        }

        @Override
        public void onTaskFailed(TaskFailedReason failureReason) {
            clearSlot();
        }

        private void clearSlot() {
            if (filledHere.get()) {
                slot.remove();
                filledHere.set(false);
            }
        }
    }
}
