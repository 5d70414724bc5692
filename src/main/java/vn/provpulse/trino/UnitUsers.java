package vn.provpulse.trino;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The province-edited file of unit users (unit_code: [user, ...]), read as user → the unit codes listed for it. */
public final class UnitUsers {
    private UnitUsers() {}

    public static Map<String, Set<String>> read(String file) {
        if (file == null || file.isBlank() || !Files.exists(Path.of(file))) {
            return Map.of();
        }
        Map<String, List<String>> usersByUnit;
        try {
            usersByUnit = new ObjectMapper(new YAMLFactory()).readValue(Path.of(file).toFile(), new TypeReference<Map<String, List<String>>>() { });
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read the unit users " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + " (it maps each unit_code to a list of user names)");
        }
        Map<String, Set<String>> codesByUser = new TreeMap<>();
        if (usersByUnit == null) {
            return codesByUser;
        }
        usersByUnit.forEach((code, users) -> {
            for (String user : users == null ? List.<String>of() : users) {
                codesByUser.computeIfAbsent(user, name -> new TreeSet<>()).add(code);
            }
        });
        return codesByUser;
    }
}
