package io.churnlens.report;

import java.util.Locale;

/** Escaping and the number formats of the management report (one place, so HTML and CSV agree). */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Whole numbers; expected counts below 10 keep one decimal so 0.6 does not read as 1 or 0. */
    static String count(double v) {
        return v != Math.rint(v) && Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String money(double v) {
        return Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%,.2f M", v / 1e6) : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String share(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String money2(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
