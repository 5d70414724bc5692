package vn.provpulse.storage;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What a write of a sliced table replaces: the whole table (slices that get no row disappear), or
 * only the named slices (a named slice that gets no row is removed; every other slice is kept).
 *
 * @param wholeTable true when the write replaces the whole table
 * @param slices the slice names replaced; empty for a whole-table write
 */
public record Rewrite(boolean wholeTable, Set<String> slices) {
    public Rewrite {
        requireNonNull(slices, "slices is null");
        slices = Collections.unmodifiableSortedSet(new TreeSet<>(slices));
        if (wholeTable && !slices.isEmpty()) {
            throw new IllegalArgumentException("Cannot plan a rewrite: a whole-table rewrite names no slices (got " + slices + ")");
        }
    }

    public static Rewrite entireTable() {
        return new Rewrite(true, Set.of());
    }

    public static Rewrite only(Set<String> slices) {
        return new Rewrite(false, slices);
    }

    /** Whether a row of this slice may be written. */
    public boolean replaces(String slice) {
        return wholeTable || slices.contains(slice);
    }
}
