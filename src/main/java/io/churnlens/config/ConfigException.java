package io.churnlens.config;

/** A configuration problem, with a message that names the key and the fix. Exits the CLI with code 2. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
