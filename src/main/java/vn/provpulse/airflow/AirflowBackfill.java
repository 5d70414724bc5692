package vn.provpulse.airflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Triggers one run per date, oldest first, keeping at most N unfinished at a time, and waits for them all. */
public final class AirflowBackfill {
    private final AirflowClient client;
    private final Duration poll;

    public AirflowBackfill(AirflowClient client, Duration poll) {
        this.client = requireNonNull(client, "client is null");
        this.poll = requireNonNull(poll, "poll is null");
    }

    public Map<LocalDate, DagRun> run(LocalDate from, LocalDate to, int atOnce, Duration timeout, Consumer<String> progress) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("Cannot backfill: --parallel must be ≥ 1 (got " + atOnce + ")");
        }
        Instant deadline = Instant.now().plus(timeout);
        Map<LocalDate, DagRun> finished = new LinkedHashMap<>();
        Map<LocalDate, String> running = new LinkedHashMap<>();
        LocalDate next = from;
        while (!next.isAfter(to) || !running.isEmpty()) {
            while (running.size() < atOnce && !next.isAfter(to)) {
                TriggeredRun triggered = client.trigger(next);
                progress.accept(triggered.describe(next));
                running.put(next, triggered.run().dagRunId());
                next = next.plusDays(1);
            }
            for (Map.Entry<LocalDate, String> entry : new ArrayList<>(running.entrySet())) {
                DagRun run = client.get(entry.getValue());
                if (run.isFinished()) {
                    finished.put(entry.getKey(), run);
                    running.remove(entry.getKey());
                    progress.accept(run.dagRunId() + ": " + run.state());
                }
            }
            if (!running.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AirflowException(0, "Cannot finish the backfill: " + running.size() + " run(s) still unfinished after "
                            + timeout.toSeconds() + " s: " + List.copyOf(running.values()));
                }
                try {
                    Thread.sleep(poll.toMillis());
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AirflowException(0, "Interrupted during the backfill");
                }
            }
        }
        return finished;
    }
}
