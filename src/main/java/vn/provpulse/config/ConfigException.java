package vn.provpulse.config;

/** A configuration file that cannot be used; the message names the file, the key and the expected form. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
