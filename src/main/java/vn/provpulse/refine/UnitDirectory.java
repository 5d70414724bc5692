package vn.provpulse.refine;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every unit code known up to D, resolved for current-structure reporting: a merged unit rolls
 * up through its successor chain to a unit with no successor; the head shown is the one in office
 * at D in the current unit.
 */
public final class UnitDirectory implements Serializable {
    private final Map<String, List<UnitVersion>> versionsByCode;
    private final LocalDate asOf;

    public UnitDirectory(List<UnitVersion> versions, LocalDate asOf) {
        Map<String, List<UnitVersion>> grouped = new TreeMap<>();
        for (UnitVersion version : versions) {
            grouped.computeIfAbsent(version.unitCode(), code -> new ArrayList<>()).add(version);
        }
        grouped.values().forEach(list -> list.sort(Comparator.comparing(UnitVersion::validFrom)));
        this.versionsByCode = grouped;
        this.asOf = asOf;
    }

    public Set<String> codes() {
        return versionsByCode.keySet();
    }

    /** The version in force at D, else the latest one (a unit merged away before D). */
    public UnitVersion versionAtAsOf(String code) {
        List<UnitVersion> versions = versionsByCode.get(code);
        return versions.stream().filter(version -> version.inForceOn(asOf)).reduce((first, second) -> second)
                .orElse(versions.get(versions.size() - 1));
    }

    /** The successor named by the unit's latest version that names one. */
    public Optional<String> successorOf(String code) {
        List<UnitVersion> versions = versionsByCode.get(code);
        for (int i = versions.size() - 1; i >= 0; i--) {
            String successor = versions.get(i).successorCode();
            if (successor != null && !successor.equals(code)) {
                return Optional.of(successor);
            }
        }
        return Optional.empty();
    }

    /** Follows successors to a unit with none; stops at an unknown successor or a cycle. */
    public String currentCodeOf(String code) {
        String current = code;
        Set<String> seen = new HashSet<>();
        while (seen.add(current)) {
            Optional<String> successor = versionsByCode.containsKey(current) ? successorOf(current) : Optional.empty();
            if (successor.isEmpty() || !versionsByCode.containsKey(successor.get())) {
                return current;
            }
            current = successor.get();
        }
        return current;
    }

    public boolean isCurrent(String code) {
        return currentCodeOf(code).equals(code);
    }

    /** The head in office at D, or null when no version is in force then. */
    public Optional<UnitVersion> inForceAtAsOf(String code) {
        return versionsByCode.getOrDefault(code, List.of()).stream()
                .filter(version -> version.inForceOn(asOf))
                .reduce((first, second) -> second);
    }

    public Map<String, List<UnitVersion>> versions() {
        return new LinkedHashMap<>(versionsByCode);
    }
}
