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
 * Runs a step's table writes two at a time in one Spark application: while Spark runs one write's
 * tasks, the driver plans and compiles the next one's query, which is most of a small table's time
 * (bench/profile.md). The writes must be independent: each its own table and staging folder, none
 * reading what another writes. Results keep the order given, so the output does not depend on which
 * write finished first.
 */
public final class ConcurrentWrites {
    /** One write running while the next is planned. */
    public static final int IN_FLIGHT = 2;

    private ConcurrentWrites() {}

    /**
     * Runs every write and returns their results in the given order. New threads are started for the
     * call, so they inherit the caller's Spark job group; the caller's logging context is copied to
     * them. When writes fail, the others still finish (nothing is left running) and the first failure
     * in the given order is rethrown as it was thrown.
     */
    public static <T> List<T> run(List<Callable<T>> writes) {
        if (writes.size() < 2) {
            return writes.stream().map(ConcurrentWrites::callInline).toList();
        }
        Map<String, String> logContext = ThreadContext.getImmutableContext();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, writes.size()), runnable -> {
            Thread thread = new Thread(runnable, "table-write-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> write : writes) {
                pending.add(pool.submit(() -> {
                    ThreadContext.putAll(logContext);
                    try {
                        return write.call();
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

    /** Waits for a write even when this thread is interrupted (a write must not outlive its step), then restores the interrupt. */
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

    private static <T> T callInline(Callable<T> write) {
        try {
            return write.call();
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
        return new IllegalStateException("Cannot write a table: " + failure.getMessage(), failure);
    }
}
