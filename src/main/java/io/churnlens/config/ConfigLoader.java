package io.churnlens.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the configuration: built-in defaults ({@code churnlens-defaults.conf}), then the job's config file,
 * then {@code --set key=value} overrides. Unknown keys and values of the wrong type stop the run here, before
 * Spark starts, with a message that names the key.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "churnlens-defaults.conf";

    private ConfigLoader() {}

    public static ChurnlensConfig load(Path file, List<String> overrides) {
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config user = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file not found: " + file.toAbsolutePath()
                        + " (pass an existing file to --config, or leave --config out to use the defaults)");
            }
            user = parse(() -> ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)).resolve(), file.toString());
            rejectUnknownKeys(user, defaults, "in " + file);
        }
        Config cli = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set '" + override + "' is not of the form key=value (e.g. --set churn.horizon-days=60)");
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1).trim();
            Config one = parse(() -> ConfigFactory.parseString(key + " = " + quoteIfBare(value)), "--set " + override);
            rejectUnknownKeys(one, defaults, "in --set " + override);
            cli = one.withFallback(cli);
        }
        Config merged = cli.withFallback(user).withFallback(defaults).resolve();
        try {
            merged.checkValid(defaults);
        } catch (com.typesafe.config.ConfigException.ValidationFailed e) {
            StringBuilder msg = new StringBuilder("invalid configuration:");
            e.problems().forEach(p -> msg.append(" key '").append(p.path()).append("': ").append(p.problem()).append(';'));
            throw new ConfigException(msg + " fix the value (defaults and types are listed in the README)");
        }
        return ChurnlensConfig.from(merged);
    }

    public static ChurnlensConfig defaults() {
        return load(null, List.of());
    }

    private static Config parse(java.util.function.Supplier<Config> parser, String where) {
        try {
            return parser.get();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("cannot parse configuration " + where + ": " + e.getMessage());
        }
    }

    /** The first characters of a value already written as HOCON: a list, an object or a quoted string. */
    private static final String HOCON_OPENERS = "[{\"";

    /** A bare word such as {@code ,} or {@code C.*} is not valid HOCON; quote it so overrides take plain strings. */
    private static String quoteIfBare(String value) {
        if (!value.isEmpty() && HOCON_OPENERS.indexOf(value.charAt(0)) >= 0) return value;
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void rejectUnknownKeys(Config given, Config defaults, String where) {
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> entry : given.entrySet()) {
            String key = entry.getKey();
            if (!defaults.hasPathOrNull(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new ConfigException("unknown configuration key '" + key + "' " + where
                    + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more: " + unknown + ")" : "")
                    + "; " + suggestion(key, defaults));
        }
    }

    private static String suggestion(String key, Config defaults) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            int d = editDistance(key, entry.getKey());
            if (d < bestDistance) {
                bestDistance = d;
                best = entry.getKey();
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3)
                ? "did you mean '" + best + "'?"
                : "see the configuration keys in the README";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
