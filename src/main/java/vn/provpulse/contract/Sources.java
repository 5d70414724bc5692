package vn.provpulse.contract;

import java.util.List;
import java.util.Optional;

/** The four landing sources, in the order a run ingests them (units first: the others are checked against it). */
public final class Sources {
    public static final List<SourceContract> ALL = List.of(Units.CONTRACT, Tasks.CONTRACT, Feedback.CONTRACT, Ratings.CONTRACT);
    /** Sources whose rows carry a unit's daily activity (checked for unknown units and silence). */
    public static final List<SourceContract> ACTIVITY = List.of(Tasks.CONTRACT, Feedback.CONTRACT, Ratings.CONTRACT);

    private Sources() {}

    public static Optional<SourceContract> byName(String name) {
        return ALL.stream().filter(source -> source.name().equals(name)).findFirst();
    }
}
