package io.churnlens.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * The whole typed configuration of a run, one record per section of {@code churnlens-defaults.conf}.
 * Built only by {@link ConfigLoader}; immutable and serializable so stages can ship it to executors.
 */
public record ChurnlensConfig(
        Input input,
        Mapping mapping,
        Ingest ingest,
        Time time,
        Churn churn,
        Output output,
        Features features,
        Segment segment,
        String rendered) implements java.io.Serializable {

    public enum Format { CSV, JSON, PARQUET }

    public enum TimeUnit {
        DAYS(1), WEEKS(7);
        public final int days;
        TimeUnit(int days) { this.days = days; }
    }

    /** Where the raw exports are and how to read them. */
    public record Input(String path, Format format, boolean header, String delimiter, List<String> columns,
                        String datePattern, ZoneId timezone) implements java.io.Serializable {
        public boolean whitespaceDelimited() {
            return "whitespace".equalsIgnoreCase(delimiter);
        }
    }

    /** Input column feeding each canonical column; null when the input lacks it. */
    public record Mapping(String customerId, String eventTime, String amount, String quantity, String unitPrice,
                          String transactionId, String productId, String category, String country, String channel,
                          String returnFlagColumn, String returnFlagPattern) implements java.io.Serializable {}

    public record Ingest(double minAbsAmount, double maxAbsAmount, LocalDate minDate, ZoneId reportingTimezone)
            implements java.io.Serializable {}

    public record Time(TimeUnit unit, double daysPerMonth) implements java.io.Serializable {}

    public record Churn(int horizonDays, int inactivityDays) implements java.io.Serializable {}

    public record Output(String root) implements java.io.Serializable {}

    /** Trailing windows (days, ending at T inclusive) for the window features, and the trend window length. */
    public record Features(List<Integer> windowsDays, int trendWindowDays) implements java.io.Serializable {}

    /** k-means range and seed, the sample cap for choosing k by silhouette, and the columns clustered on. */
    public record Segment(int kMin, int kMax, long seed, int maxRowsForKSelection, int maxIterations,
                          List<String> clusterFeatures) implements java.io.Serializable {}

    static ChurnlensConfig from(Config c) {
        Settings in = new Settings(c, "input");
        Input input = new Input(in.string("path"), in.choice("format", Format.class), in.bool("header"),
                in.string("delimiter"), in.strings("columns"), in.string("date-pattern"), in.zone("timezone"));
        if (!input.whitespaceDelimited() && input.delimiter().length() != 1 && !input.delimiter().equals("\\t")) {
            throw in.invalid("delimiter", input.delimiter(), "one character such as \",\" or \"\\t\", or \"whitespace\"");
        }
        if (input.path().isEmpty()) {
            throw in.invalid("path", "", "the file, folder or glob of the raw transaction exports");
        }

        Settings m = new Settings(c, "mapping");
        Mapping mapping = new Mapping(m.optional("customer-id"), m.optional("event-time"), m.optional("amount"),
                m.optional("quantity"), m.optional("unit-price"), m.optional("transaction-id"),
                m.optional("product-id"), m.optional("category"), m.optional("country"), m.optional("channel"),
                m.optional("return-flag-column"), m.optional("return-flag-pattern"));
        if (mapping.customerId() == null) throw m.invalid("customer-id", "", "the input column holding the customer id");
        if (mapping.eventTime() == null) throw m.invalid("event-time", "", "the input column holding the event date or time");
        if (mapping.amount() == null && (mapping.quantity() == null || mapping.unitPrice() == null)) {
            throw m.invalid("amount", "", "the amount column, or set both mapping.quantity and mapping.unit-price");
        }
        if ((mapping.returnFlagColumn() == null) != (mapping.returnFlagPattern() == null)) {
            throw m.invalid("return-flag-pattern", mapping.returnFlagPattern() == null ? "" : mapping.returnFlagPattern(),
                    "a regex together with mapping.return-flag-column (set both or neither)");
        }

        Settings ing = new Settings(c, "ingest");
        Ingest ingest = new Ingest(ing.number("min-abs-amount"), ing.positive("max-abs-amount"), ing.date("min-date"),
                ing.zone("reporting-timezone"));

        Settings t = new Settings(c, "time");
        Time time = new Time(t.choice("unit", TimeUnit.class), t.positive("days-per-month"));

        Settings ch = new Settings(c, "churn");
        Churn churn = new Churn(ch.positiveInt("horizon-days"), ch.positiveInt("inactivity-days"));

        Settings out = new Settings(c, "output");
        Output output = new Output(out.string("root"));

        Settings f = new Settings(c, "features");
        List<Integer> windows = f.ints("windows-days");
        if (windows.isEmpty() || windows.stream().anyMatch(w -> w <= 0) || windows.stream().distinct().count() != windows.size()) {
            throw f.invalid("windows-days", windows, "a non-empty list of distinct whole numbers of days > 0, e.g. [30, 90, 180, 365]");
        }
        Features features = new Features(List.copyOf(windows), f.positiveInt("trend-window-days"));

        Settings sg = new Settings(c, "segment");
        int kMin = sg.positiveInt("k-min");
        int kMax = sg.positiveInt("k-max");
        if (kMin < 2) throw sg.invalid("k-min", kMin, "a whole number >= 2 (a silhouette needs two clusters)");
        if (kMax < kMin) throw sg.invalid("k-max", kMax, "a whole number >= segment.k-min (" + kMin + ")");
        double seed = sg.number("seed");
        if (seed != Math.rint(seed)) throw sg.invalid("seed", seed, "a whole number");
        List<String> clusterFeatures = sg.strings("cluster-features");
        if (clusterFeatures.isEmpty()) throw sg.invalid("cluster-features", "[]", "a list of numeric customer_features columns");
        Segment segment = new Segment(kMin, kMax, (long) seed, sg.positiveInt("max-rows-for-k-selection"),
                sg.positiveInt("max-iterations"), List.copyOf(clusterFeatures));

        return new ChurnlensConfig(input, mapping, ingest, time, churn, output, features, segment,
                c.root().render(ConfigRenderOptions.concise().setFormatted(true)));
    }

    /** Short hash of the effective configuration, recorded with every run. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
