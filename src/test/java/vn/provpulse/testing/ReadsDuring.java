package vn.provpulse.testing;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/** What readers saw while a publish ran: how many rounds of reads they made and every problem (an error or a wrong answer). */
public record ReadsDuring(int rounds, List<String> problems) {
    public ReadsDuring {
        requireNonNull(problems, "problems is null");
    }

    /** One round of reads; returns the problems it found in the answers. */
    @FunctionalInterface
    public interface Reads {
        List<String> read() throws SQLException;
    }

    /** Repeats the reads on another thread until the publish is over. */
    public static ReadsDuring publish(Reads reads, Runnable publish) throws InterruptedException {
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        int[] rounds = {0};
        Thread reader = new Thread(() -> {
            while (publishing.get()) {
                try {
                    problems.addAll(reads.read());
                    rounds[0]++;
                }
                catch (SQLException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        reader.start();
        try {
            publish.run();
        }
        finally {
            publishing.set(false);
            reader.join();
        }
        return new ReadsDuring(rounds[0], List.copyOf(problems));
    }
}
