package io.churnlens.report;

import io.churnlens.config.PseudonymSettings;
import io.churnlens.io.PseudonymKey;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of customer ids for what leaves the data team: {@code p_} + the first 16 hex digits (64 bits)
 * of HMAC-SHA-256(key, id). The same id and key always give the same pseudonym, so quarters can be compared; without
 * the key an id cannot be confirmed by hashing guesses. Off ({@link #NONE}) the ids pass unchanged.
 */
public final class Pseudonyms {
    public static final Pseudonyms NONE = new Pseudonyms(null);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_DIGITS = 16;

    private final SecretKeySpec key;

    private Pseudonyms(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key, ALGORITHM);
    }

    /** For the management output: pseudonyms when {@code pseudonymise.management} is on (reads the key), else none. */
    public static Pseudonyms forManagement(PseudonymSettings settings) {
        return settings.management() ? withKey(PseudonymKey.read(settings)) : NONE;
    }

    static Pseudonyms withKey(byte[] key) {
        return new Pseudonyms(key.clone());
    }

    public boolean enabled() {
        return key != null;
    }

    public String of(String customerId) {
        if (key == null || customerId == null) return customerId;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            return "p_" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    /** The rows with {@code column} replaced by its pseudonym (the rows carry their schema). */
    public List<Row> apply(List<Row> rows, String column) {
        if (key == null) return rows;
        return rows.stream().map(r -> {
            Object[] values = new Object[r.size()];
            for (int i = 0; i < values.length; i++) values[i] = r.get(i);
            int at = r.fieldIndex(column);
            values[at] = of((String) values[at]);
            return (Row) new GenericRowWithSchema(values, r.schema());
        }).toList();
    }

    @Override
    public String toString() {
        return enabled() ? "pseudonyms (HMAC-SHA-256, key not shown)" : "no pseudonyms";
    }
}
