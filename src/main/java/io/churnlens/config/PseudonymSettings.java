package io.churnlens.config;

import com.typesafe.config.Config;

/**
 * The {@code pseudonymise} section: customer ids in what leaves the data team (the management page under
 * {@code management/} and its CSV) are replaced by keyed hashes. The config names where the key is, never the key.
 *
 * @param management true: the management output shows pseudonyms, never raw ids (the default)
 * @param keySource  {@code env:NAME} (an environment variable holding the key) or {@code file:PATH} (a file holding
 *                   it); read by {@code io.PseudonymKey} when the report is written
 */
public record PseudonymSettings(boolean management, String keySource) implements java.io.Serializable {
    public static final String ENV = "env:";
    public static final String FILE = "file:";

    static PseudonymSettings parse(Config c) {
        Settings s = new Settings(c, "pseudonymise");
        String source = s.string("key-source");
        boolean env = source.startsWith(ENV) && source.substring(ENV.length()).matches("[A-Za-z_][A-Za-z0-9_]*");
        boolean file = source.startsWith(FILE) && source.length() > FILE.length();
        if (!env && !file) {
            // The value is not echoed: whoever got this wrong may have pasted the key itself.
            throw new ConfigException("configuration key 'pseudonymise.key-source' must say where the key is, as "
                    + "\"env:VARIABLE\" or \"file:/path/to/key\" (never the key itself); the value given ("
                    + source.length() + " characters) is neither");
        }
        return new PseudonymSettings(s.bool("management"), source);
    }
}
