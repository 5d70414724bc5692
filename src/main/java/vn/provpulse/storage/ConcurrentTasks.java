package vn.provpulse.storage;

import org.apache.logging.log4j.ThreadContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a step's independent tasks two at a time. Mostly table writes in one Spark application: while
 * Spark runs one write's tasks, the driver plans and compiles the next one's query, which is most of a
 * small table's time (bench/profile.md); also ingest's per-source ledger reads and landing listings.
 * The tasks must be independent: each write its own table and staging folder, none reading what
 * another writes. Results keep the order given, so the output does not depend on which task finished
 * first.
 */
public final class ConcurrentTasks {
    /** One task running while the next is planned (or waits on the file system). */
    public static final int IN_FLIGHT = 2;

    private ConcurrentTasks() {}

    /**
     * Runs every task and returns their results in the given order. New threads are started for the
     * call, so they inherit the caller's Spark job group; the caller's logging context is copied to
     * them. When tasks fail, the others still finish (nothing is left running) and the first failure
     * in the given order is rethrown as it was thrown.
     */
    public static <T> List<T> run(List<Callable<T>> tasks) {
        if (tasks.size() < 2) {
            return tasks.stream().map(ConcurrentTasks::callInline).toList();
        }
        Map<String, String> logContext = ThreadContext.getImmutableContext();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, "step-task-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> task : tasks) {
                pending.add(pool.submit(() -> {
                    ThreadContext.putAll(logContext);
                    try {
                        return task.call();
                    }
                    finally {
                        ThreadContext.clearMap();
                    }
                }));
            }
            return collect(pending);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> collect(List<Future<T>> pending) {
        List<T> results = new ArrayList<>();
        Throwable firstFailure = null;
        for (Future<T> future : pending) {
            try {
                results.add(awaitUninterruptibly(future));
            }
            catch (ExecutionException e) {
                firstFailure = firstFailure == null ? e.getCause() : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw rethrown(firstFailure);
        }
        return results;
    }

    /** Waits for a task even when this thread is interrupted (a task must not outlive its step), then restores the interrupt. */
    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T callInline(Callable<T> task) {
        try {
            return task.call();
        }
        catch (Exception e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("Cannot complete the step: " + failure.getMessage(), failure);
    }
}
