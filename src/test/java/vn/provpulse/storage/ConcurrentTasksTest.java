package vn.provpulse.storage;

import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentTasksTest {
    @Test
    void twoTasksRunAtOnceAndResultsKeepTheGivenOrder() {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        // each waits for the other to have started: only two threads at once let both finish in time
        List<String> results = ConcurrentTasks.run(List.of(
                () -> {
                    firstStarted.countDown();
                    return secondStarted.await(10, TimeUnit.SECONDS) ? "first" : "first alone";
                },
                () -> {
                    secondStarted.countDown();
                    return firstStarted.await(10, TimeUnit.SECONDS) ? "second" : "second alone";
                },
                () -> "third"));

        assertThat(results).containsExactly("first", "second", "third");
    }

    @Test
    void aFailureIsRethrownAsThrownAfterTheOtherTasksFinished() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("Cannot write gold/x: disk full");
        List<Callable<Integer>> tasks = List.of(
                () -> finished.incrementAndGet(),
                () -> {
                    throw failure;
                },
                () -> {
                    Thread.sleep(200);
                    return finished.incrementAndGet();
                },
                () -> {
                    throw new IllegalArgumentException("a later failure");
                });

        assertThatThrownBy(() -> ConcurrentTasks.run(tasks)).isSameAs(failure);
        assertThat(finished).hasValue(2);
    }

    @Test
    void anErrorStaysAnError() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");

        assertThatThrownBy(() -> ConcurrentTasks.run(List.of(() -> 1, () -> {
            throw error;
        }))).isSameAs(error);
    }

    @Test
    void aCheckedFailureNamesItsCause() {
        assertThatThrownBy(() -> ConcurrentTasks.run(List.<Callable<Integer>>of(() -> {
            throw new java.io.IOException("No space left on device");
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("No space left on device");
    }

    @Test
    void theTasksLogWithTheCallersRunId() {
        ThreadContext.put("runId", "nightly-test");
        try {
            List<String> seen = ConcurrentTasks.run(List.of(() -> ThreadContext.get("runId"), () -> ThreadContext.get("runId")));

            assertThat(seen).containsExactly("nightly-test", "nightly-test");
        }
        finally {
            ThreadContext.clearMap();
        }
    }
}
