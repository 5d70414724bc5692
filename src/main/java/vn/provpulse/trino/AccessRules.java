package vn.provpulse.trino;

/**
 * Trino file-based access control: admin (the pipeline) may do anything; analyst reads the gold
 * and silver schemas only; bronze, quarantine and the versioned tables are invisible to others.
 */
final class AccessRules {
    private AccessRules() {}

    static String json() {
        return """
                {
                  "catalogs": [
                    {"user": "admin", "catalog": ".*", "allow": "all"},
                    {"user": "analyst", "catalog": "hive", "allow": "read-only"},
                    {"catalog": "system", "allow": "read-only"},
                    {"allow": "none"}
                  ],
                  "schemas": [
                    {"user": "admin", "owner": true},
                    {"user": "analyst", "schema": "(gold|silver)", "owner": false},
                    {"user": "analyst", "schema": "information_schema", "owner": false}
                  ],
                  "tables": [
                    {"user": "admin", "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT"]},
                    {"user": "analyst", "catalog": "hive", "schema": "(gold|silver)", "privileges": ["SELECT"]},
                    {"user": "analyst", "schema": "information_schema", "privileges": ["SELECT"]},
                    {"catalog": "system", "privileges": ["SELECT"]}
                  ]
                }""";
    }
}
