package io.churnlens.cli;

import java.util.Locale;

/** What the user reads on stdout: stage lines and summaries (Spark's own logging goes to stderr). */
final class Console {
    private Console() {}

    static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void err(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
        System.err.flush();
    }
}
