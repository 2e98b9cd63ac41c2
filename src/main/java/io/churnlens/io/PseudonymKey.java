package io.churnlens.io;

import io.churnlens.config.ConfigException;
import io.churnlens.config.PseudonymSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the pseudonymisation key from where {@code pseudonymise.key-source} says: an environment variable or a key
 * file on the driver (its first line, trimmed). The key is returned as bytes and never printed; a missing, empty or
 * short key stops the run (exit 2) with a message naming the fix.
 */
public final class PseudonymKey {
    /** Shorter keys are refused: HMAC-SHA-256 is only as strong as its key (32 random hex digits = 128 bits). */
    public static final int MIN_LENGTH = 32;

    private PseudonymKey() {}

    public static byte[] read(PseudonymSettings settings) {
        String source = settings.keySource();
        String key = source.startsWith(PseudonymSettings.ENV)
                ? System.getenv(source.substring(PseudonymSettings.ENV.length()))
                : fromFile(Path.of(source.substring(PseudonymSettings.FILE.length())));
        if (key == null || key.isBlank()) {
            throw missing(source.startsWith(PseudonymSettings.ENV)
                    ? "the environment variable " + source.substring(PseudonymSettings.ENV.length()) + " is not set"
                    : "the key file " + source.substring(PseudonymSettings.FILE.length()) + " is missing or empty");
        }
        String trimmed = key.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw missing("the key from " + source + " has " + trimmed.length() + " characters, fewer than "
                    + MIN_LENGTH);
        }
        return trimmed.getBytes(StandardCharsets.UTF_8);
    }

    private static String fromFile(Path file) {
        if (!Files.isReadable(file)) return null;
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static ConfigException missing(String what) {
        return new ConfigException("pseudonymise.management is on (customer ids in management/ are replaced by keyed "
                + "hashes) but " + what + ": provide a secret of at least " + MIN_LENGTH + " characters there (e.g. "
                + "`openssl rand -hex 32`), or point pseudonymise.key-source at another env:VARIABLE or file:/path, or "
                + "set pseudonymise.management = false for output that stays within the data team");
    }
}
