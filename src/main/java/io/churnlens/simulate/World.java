package io.churnlens.simulate;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which generative story {@code generate} tells. {@link #BGNBD} is the original generator (its output for a seed is
 * pinned by a test); {@link #DISENGAGING} is a world BG/NBD does not describe (see {@link DisengagingWorld}).
 */
public enum World {
    BGNBD, DISENGAGING;

    /** The name on the command line: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static World parse(String text) {
        for (World w : values()) {
            if (w.label().equals(text.trim().toLowerCase(Locale.ROOT))) return w;
        }
        throw new IllegalArgumentException("unknown world '" + text + "': one of "
                + Arrays.stream(values()).map(World::label).toList());
    }
}
