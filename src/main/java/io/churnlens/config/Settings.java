package io.churnlens.config;

import com.typesafe.config.Config;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Typed, validated reads of one configuration section. Every failure names the full key and the fix, so no other
 * class ever reads a raw configuration string.
 */
final class Settings {
    private final Config config;
    private final String section;

    Settings(Config root, String section) {
        this.config = root.getConfig(section);
        this.section = section;
    }

    String string(String key) {
        return read(key, () -> config.getString(key).trim());
    }

    /** A string exactly as written, spaces included (for values such as a separator that may be a space). */
    String stringAsIs(String key) {
        return read(key, () -> config.getString(key));
    }

    /** An optional string: "" in the config means absent, returned as null. */
    String optional(String key) {
        String value = string(key);
        return value.isEmpty() ? null : value;
    }

    boolean bool(String key) {
        return read(key, () -> config.getBoolean(key));
    }

    int positiveInt(String key) {
        int value = read(key, () -> config.getInt(key));
        if (value <= 0) throw invalid(key, value, "a whole number greater than 0");
        return value;
    }

    double number(String key) {
        return read(key, () -> config.getDouble(key));
    }

    /** A whole number such as a seed (HOCON reads it as a number, so 7.5 arrives and is refused here). */
    long wholeNumber(String key) {
        return wholeNumber(key, Double.POSITIVE_INFINITY);
    }

    /** A whole number of at most {@code maxAbs} in magnitude. */
    long wholeNumber(String key, double maxAbs) {
        double value = number(key);
        if (value != Math.rint(value) || Math.abs(value) > maxAbs) throw invalid(key, value, "a whole number");
        return (long) value;
    }

    int nonNegativeInt(String key) {
        double value = number(key);
        if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw invalid(key, value, "a whole number, 0 or more");
        }
        return (int) value;
    }

    double positive(String key) {
        double value = number(key);
        if (!(value > 0)) throw invalid(key, value, "a number greater than 0");
        return value;
    }

    double fraction(String key) {
        double value = number(key);
        if (!(value >= 0 && value <= 1)) throw invalid(key, value, "a number between 0 and 1");
        return value;
    }

    List<String> strings(String key) {
        return read(key, () -> config.getStringList(key));
    }

    List<Double> numbers(String key) {
        return read(key, () -> config.getDoubleList(key));
    }

    List<Integer> ints(String key) {
        return read(key, () -> config.getIntList(key));
    }

    LocalDate date(String key) {
        String value = string(key);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw invalid(key, value, "a date as YYYY-MM-DD");
        }
    }

    ZoneId zone(String key) {
        String value = string(key);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw invalid(key, value, "a time zone id such as UTC or Europe/London");
        }
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = string(key);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    ConfigException invalid(String key, Object value, String expected) {
        return new ConfigException("configuration key '" + section + "." + key + "' is '" + value
                + "'; set it to " + expected);
    }

    private <T> T read(String key, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("configuration key '" + section + "." + key + "': " + e.getMessage()
                    .replaceFirst("^.*?: ", "") + "; fix its value (see the README for the type and default)");
        }
    }
}
