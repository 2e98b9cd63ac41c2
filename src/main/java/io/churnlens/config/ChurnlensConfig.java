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
        Cleaning cleaning,
        Time time,
        Churn churn,
        Run run,
        Output output,
        Clv clv,
        Simulate simulate,
        Features features,
        Segment segment,
        ImpactSettings impact,
        BootstrapSettings bootstrap,
        Model model,
        PseudonymSettings pseudonymise,
        DriftSettings drift,
        String rendered) implements java.io.Serializable {

    public enum Format { CSV, JSON, PARQUET }

    /** CSV: whether quoted fields may hold line breaks; AUTO decides per file (io.CsvSplits). */
    public enum Multiline { AUTO, TRUE, FALSE }

    /** model.training-window: which labelled window the churn model for T trains on (README, configuration). */
    public enum TrainingWindow { RECENT, YEAR_AGO, AUTO }

    public enum TimeUnit {
        DAYS(1), WEEKS(7);
        public final int days;
        TimeUnit(int days) { this.days = days; }
    }

    /** Where the raw exports are and how to read them. */
    /**
     * @param encoding  charset name of text inputs (validated: known to Java and ASCII-compatible)
     * @param multiline CSV: TRUE = RFC 4180 quoted fields may hold line breaks (one Spark task per file); FALSE = none
     *                  do (Spark splits large files); AUTO = per file, split when no line holds an open quote
     * @param escape    CSV: the character that escapes a quote inside a quoted field ("\"" = RFC 4180 doubling)
     */
    public record Input(String path, Format format, boolean header, String delimiter, List<String> columns,
                        String datePattern, ZoneId timezone, String encoding, Multiline multiline, String escape)
            implements java.io.Serializable {
        /** The reading options of the defaults: UTF-8, RFC 4180 quoting. */
        public Input(String path, Format format, boolean header, String delimiter, List<String> columns,
                     String datePattern, ZoneId timezone) {
            this(path, format, header, delimiter, columns, datePattern, timezone, "UTF-8", Multiline.AUTO, "\"");
        }

        public boolean whitespaceDelimited() {
            return "whitespace".equalsIgnoreCase(delimiter);
        }

        public java.nio.charset.Charset charset() {
            return java.nio.charset.Charset.forName(encoding);
        }

        public Input withPath(String otherPath) {
            return new Input(otherPath, format, header, delimiter, columns, datePattern, timezone, encoding, multiline,
                    escape);
        }

        static Input parse(Config c) {
            Settings in = new Settings(c, "input");
            Input input = new Input(in.string("path"), in.choice("format", Format.class), in.bool("header"),
                    in.string("delimiter"), in.strings("columns"), in.string("date-pattern"), in.zone("timezone"),
                    in.string("encoding"), in.choice("multiline", Multiline.class), in.string("escape"));
            if (!asciiCompatible(input.encoding())) {
                throw in.invalid("encoding", input.encoding(), "a charset Java knows that writes ASCII as ASCII, "
                        + "e.g. UTF-8, ISO-8859-1, windows-1252 (convert UTF-16/UTF-32 exports to UTF-8 first)");
            }
            if (input.escape().length() != 1) {
                throw in.invalid("escape", input.escape(), "one character: \"\\\"\" (RFC 4180, a doubled quote) or \"\\\\\"");
            }
            if (!input.whitespaceDelimited() && input.delimiter().length() != 1 && !input.delimiter().equals("\\t")) {
                throw in.invalid("delimiter", input.delimiter(), "one character such as \",\" or \"\\t\", or \"whitespace\"");
            }
            if (input.path().isEmpty()) {
                throw in.invalid("path", "", "the file, folder or glob of the raw transaction exports");
            }
            return input;
        }
    }

    /** Input column feeding each canonical column; null when the input lacks it. */
    public record Mapping(String customerId, String eventTime, String amount, String quantity, String unitPrice,
                          String transactionId, String productId, String category, String country, String channel,
                          String returnFlagColumn, String returnFlagPattern) implements java.io.Serializable {
        /** The distinct input columns this mapping reads, in mapping order. */
        public List<String> inputColumns() {
            return java.util.stream.Stream.of(customerId, eventTime, amount, quantity, unitPrice, transactionId,
                            productId, category, country, channel, returnFlagColumn)
                    .filter(java.util.Objects::nonNull).distinct().toList();
        }

        static Mapping parse(Config c) {
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
            return mapping;
        }
    }

    /**
     * Validation and identity rules of ingest ({@code ingest} section).
     *
     * @param futureToleranceDays rows dated more than this many days after the run's own clock are FUTURE_DATED
     * @param maxRejectShare      above this share of quarantined rows the ingest fails before publishing
     * @param maxIdLength         longer customer, transaction or product ids are quarantined as ID_TOO_LONG
     * @param conflictRule        which values win when an earlier run stored the same transaction line differently
     */
    public record Ingest(double minAbsAmount, double maxAbsAmount, LocalDate minDate, ZoneId reportingTimezone,
                         int futureToleranceDays, double maxRejectShare, int maxIdLength, ConflictRule conflictRule)
            implements java.io.Serializable {
        static Ingest parse(Config c) {
            Settings ing = new Settings(c, "ingest");
            Ingest ingest = new Ingest(ing.number("min-abs-amount"), ing.positive("max-abs-amount"), ing.date("min-date"),
                    ing.zone("reporting-timezone"), ing.nonNegativeInt("future-tolerance-days"),
                    ing.fraction("max-reject-share"), ing.positiveInt("max-id-length"),
                    ing.choice("conflict-rule", ConflictRule.class));
            if (ingest.minAbsAmount() > ingest.maxAbsAmount()) {
                throw ing.invalid("min-abs-amount", ingest.minAbsAmount(), "a number not above ingest.max-abs-amount ("
                        + ingest.maxAbsAmount() + "), or raise ingest.max-abs-amount");
            }
            return ingest;
        }
    }

    /** How a transaction line (transaction id + product id) stored by an earlier run with other values is resolved. */
    public enum ConflictRule {
        /** The newer run's rows for the line replace the stored ones (an export's corrections win). */
        LATEST,
        /** The stored rows stay; the newer run's conflicting rows are counted and not added. */
        EARLIEST
    }

    /**
     * How raw text values are cleaned before parsing (keys {@code input.null-tokens} and
     * {@code input.grouping-separator}; a record of its own so the reader's {@link Input} stays as it is).
     *
     * @param nullTokens        values (after trimming) that mean "empty" in every mapped column, matched exactly
     * @param groupingSeparator the thousands separator allowed inside amounts, or null for none
     */
    public record Cleaning(List<String> nullTokens, String groupingSeparator) implements java.io.Serializable {
        /** Grouping separators an amount may carry between digit groups; "" = none. */
        static final List<String> GROUPING_SEPARATORS = List.of("", " ", ",", "'", "_");

        static Cleaning parse(Config c) {
            Settings in = new Settings(c, "input");
            List<String> tokens = in.strings("null-tokens").stream().map(String::trim).toList();
            if (tokens.contains("")) throw in.invalid("null-tokens", tokens, "a list of non-empty placeholder strings");
            String separator = in.stringAsIs("grouping-separator");
            if (!GROUPING_SEPARATORS.contains(separator)) {
                throw in.invalid("grouping-separator", separator, "one of \"\" (none), \" \", \",\", \"'\" or \"_\"");
            }
            return new Cleaning(List.copyOf(tokens), separator.isEmpty() ? null : separator);
        }
    }

    public record Time(TimeUnit unit, double daysPerMonth) implements java.io.Serializable {
        static Time parse(Config c) {
            Settings t = new Settings(c, "time");
            return new Time(t.choice("unit", TimeUnit.class), t.positive("days-per-month"));
        }
    }

    public record Churn(int horizonDays, int inactivityDays) implements java.io.Serializable {
        static Churn parse(Config c) {
            Settings ch = new Settings(c, "churn");
            return new Churn(ch.positiveInt("horizon-days"), ch.positiveInt("inactivity-days"));
        }
    }

    /** @param asOf null = the last completed quarter end */
    public record Run(LocalDate asOf, int lockStaleMinutes) implements java.io.Serializable {
        static Run parse(Config c) {
            Settings r = new Settings(c, "run");
            return new Run(r.optional("as-of") == null ? null : r.date("as-of"), r.positiveInt("lock-stale-minutes"));
        }
    }

    /** @param umask octal, applied to every folder and file created under the root (e.g. 027: no access for others) */
    public record Output(String root, String umask) implements java.io.Serializable {
        static Output parse(Config c) {
            Settings out = new Settings(c, "output");
            String umask = out.string("umask");
            if (!umask.matches("[0-7]{3}")) {
                throw out.invalid("umask", umask, "three octal digits, e.g. \"027\" (group may read, others nothing) or \"077\"");
            }
            return new Output(out.string("root"), umask);
        }
    }

    public enum PurchaseModelChoice { BG_NBD, PARETO_NBD, MBG_NBD }

    /**
     * Probabilistic models and CLV (see the {@code clv} section of the defaults for meanings).
     *
     * @param fitMaxEvaluations likelihood evaluations one fit may use ({@code clv.fit-max-evaluations})
     * @param fitMaxSeconds     wall-clock seconds one fit may use ({@code clv.fit-max-seconds})
     * @param covariates        customer_features columns of the covariate purchase model ({@code clv.covariates}; empty = off)
     */
    public record Clv(int horizonMonths, double monthlyDiscountRate, double margin, PurchaseModelChoice purchaseModel,
                      boolean fitParetoNbd, int maxDistinctStatistics, int fitMaxEvaluations, double fitMaxSeconds,
                      java.util.List<String> covariates)
            implements java.io.Serializable {
        static Clv parse(Config c) {
            Settings cl = new Settings(c, "clv");
            return new Clv(cl.positiveInt("horizon-months"), cl.fraction("monthly-discount-rate"), cl.fraction("margin"),
                    cl.choice("purchase-model", PurchaseModelChoice.class), cl.bool("fit-pareto-nbd"),
                    cl.positiveInt("max-distinct-statistics"), cl.positiveInt("fit-max-evaluations"),
                    cl.positive("fit-max-seconds"), java.util.List.copyOf(cl.strings("covariates")));
        }
    }
    /**
     * The synthetic data generator ({@code simulate} section). {@code truthAsOf} is resolved here (the configured
     * date, or {@code endDate} minus the churn horizon) and {@code horizonDays} is {@code churn.horizon-days}, so the
     * generator needs nothing else from the configuration.
     */
    public record Simulate(int customers, long seed, LocalDate startDate, LocalDate endDate, LocalDate truthAsOf,
                           int horizonDays, double arrivalGrowthPerYear, double arrivalSeasonality,
                           int arrivalPeakDayOfYear, BgNbd bgnbd, GroupDimension countries, GroupDimension channels,
                           Spend spend, double returnRate, int returnMaxDelayDays, int products,
                           List<String> categories, MessyRates messy) implements java.io.Serializable {

        /** BG/NBD parameters; {@code alpha} is a rate in weeks. */
        public record BgNbd(double r, double alpha, double a, double b) implements java.io.Serializable {}

        /** Gamma-Gamma spend parameters (shape p per purchase; nu ~ Gamma(shape q, rate gamma)). */
        public record Spend(double p, double q, double gamma) implements java.io.Serializable {}

        /** Values of one grouping column with their relative shares and their effect on the BG/NBD parameters. */
        public record GroupDimension(List<String> values, List<Double> shares, List<Double> rateFactors,
                                     List<Double> loyaltyFactors) implements java.io.Serializable {}

        /** Messy rows per clean row, by kind. */
        public record MessyRates(double missingCustomerId, double unparsableDate, double unparsableAmount,
                                 double duplicate, double implausibleAmount, double floatCustomerId,
                                 double dateAfterEnd) implements java.io.Serializable {}

        static Simulate parse(Config c, int horizonDays) {
            Settings s = new Settings(c, "simulate");
            LocalDate start = s.date("start-date");
            LocalDate end = s.date("end-date");
            if (!end.isAfter(start)) throw s.invalid("end-date", end, "a date after simulate.start-date (" + start + ")");
            LocalDate truthAsOf = s.optional("truth-as-of") == null ? end.minusDays(horizonDays) : s.date("truth-as-of");
            if (truthAsOf.isBefore(start) || truthAsOf.isAfter(end)) {
                throw s.invalid("truth-as-of", truthAsOf, "a date between simulate.start-date and simulate.end-date, "
                        + "or \"\" for end-date minus churn.horizon-days (" + end.minusDays(horizonDays) + ")");
            }
            // Seeds above 2^53 would not survive the double HOCON reads numbers as.
            long seed = s.wholeNumber("seed", 1L << 53);
            int peakDay = s.positiveInt("arrival-peak-day-of-year");
            if (peakDay > 366) throw s.invalid("arrival-peak-day-of-year", peakDay, "a day of the year, 1 to 366");
            double seasonality = s.fraction("arrival-seasonality");
            if (seasonality >= 1) throw s.invalid("arrival-seasonality", seasonality, "a number from 0 up to (not including) 1");
            if (s.number("arrival-growth-per-year") <= -1) {
                throw s.invalid("arrival-growth-per-year", s.number("arrival-growth-per-year"), "a number above -1 (0 = flat)");
            }

            Settings m = new Settings(c, "simulate.bgnbd");
            BgNbd bgnbd = new BgNbd(m.positive("r"), m.positive("alpha"), m.positive("a"), m.positive("b"));
            Settings sp = new Settings(c, "simulate.spend");
            Spend spend = new Spend(sp.positive("p"), sp.positive("q"), sp.positive("gamma"));
            if (spend.q() <= 1) throw sp.invalid("q", spend.q(), "a number above 1 (the mean spend is infinite otherwise)");
            Settings mr = new Settings(c, "simulate.messy");
            MessyRates messy = new MessyRates(mr.fraction("missing-customer-id"), mr.fraction("unparsable-date"),
                    mr.fraction("unparsable-amount"), mr.fraction("duplicate"), mr.fraction("implausible-amount"),
                    mr.fraction("float-customer-id"), mr.fraction("date-after-end"));

            List<String> categories = List.copyOf(s.strings("categories"));
            int products = s.nonNegativeInt("products");
            if (products > 0 && categories.isEmpty()) throw s.invalid("categories", "[]", "at least one category name when products > 0");
            return new Simulate(s.positiveInt("customers"), seed, start, end, truthAsOf, horizonDays,
                    s.number("arrival-growth-per-year"), seasonality, peakDay, bgnbd,
                    dimension(s, "countries", "country"), dimension(s, "channels", "channel"), spend,
                    s.fraction("return-rate"), s.positiveInt("return-max-delay-days"), products, categories, messy);
        }

        private static GroupDimension dimension(Settings s, String valuesKey, String prefix) {
            List<String> values = List.copyOf(s.strings(valuesKey));
            if (values.isEmpty()) throw s.invalid(valuesKey, "[]", "at least one value");
            List<Double> shares = sameSizePositive(s, prefix + "-shares", values.size());
            return new GroupDimension(values, shares, sameSizePositive(s, prefix + "-rate-factors", values.size()),
                    sameSizePositive(s, prefix + "-loyalty-factors", values.size()));
        }

        private static List<Double> sameSizePositive(Settings s, String key, int size) {
            List<Double> numbers = List.copyOf(s.numbers(key));
            if (numbers.size() != size || numbers.stream().anyMatch(v -> !(v > 0))) {
                throw s.invalid(key, numbers, size + " numbers greater than 0, one per value, in the same order");
            }
            return numbers;
        }
    }
    /** Trailing windows (days, ending at T inclusive) for the window features, and the trend window length. */
    public record Features(List<Integer> windowsDays, int trendWindowDays) implements java.io.Serializable {
        static Features parse(Config c) {
            Settings f = new Settings(c, "features");
            List<Integer> windows = f.ints("windows-days");
            if (windows.isEmpty() || windows.stream().anyMatch(w -> w <= 0) || windows.stream().distinct().count() != windows.size()) {
                throw f.invalid("windows-days", windows, "a non-empty list of distinct whole numbers of days > 0, e.g. [30, 90, 180, 365]");
            }
            return new Features(List.copyOf(windows), f.positiveInt("trend-window-days"));
        }
    }

    /** k-means range and seed, the sample cap for choosing k by silhouette, and the columns clustered on. */
    public record Segment(int kMin, int kMax, long seed, int maxRowsForKSelection, int maxIterations,
                          List<String> clusterFeatures, boolean quarterStart) implements java.io.Serializable {
        static Segment parse(Config c) {
            Settings sg = new Settings(c, "segment");
            int kMin = sg.positiveInt("k-min");
            int kMax = sg.positiveInt("k-max");
            if (kMin < 2) throw sg.invalid("k-min", kMin, "a whole number >= 2 (a silhouette needs two clusters)");
            if (kMax < kMin) throw sg.invalid("k-max", kMax, "a whole number >= segment.k-min (" + kMin + ")");
            long seed = sg.wholeNumber("seed");
            List<String> clusterFeatures = sg.strings("cluster-features");
            if (clusterFeatures.isEmpty()) throw sg.invalid("cluster-features", "[]", "a list of numeric customer_features columns");
            return new Segment(kMin, kMax, seed, sg.positiveInt("max-rows-for-k-selection"),
                    sg.positiveInt("max-iterations"), List.copyOf(clusterFeatures), sg.bool("quarter-start"));
        }
    }

    /**
     * The churn model ({@code model} section): split, candidates, their small hyper-parameter grids, calibration and
     * risk tiers. Parsed and checked by {@link Model#parse}.
     */
    public record Model(long seed, double trainFraction, double validationFraction, List<String> features,
                        List<String> candidates, List<String> baselines, List<Double> logisticRegParams,
                        List<Double> logisticElasticNetParams, List<Integer> gbtMaxDepths, int gbtMaxIterations,
                        double gbtStepSize, double riskMedium, double riskHigh, int maxTrainingCustomers,
                        ModelOptions.Inputs inputs, ModelOptions.Campaign campaign, TrainingWindow trainingWindow)
            implements java.io.Serializable {
        public static final List<String> CANDIDATES = io.churnlens.schema.ModelColumns.CANDIDATE_SCORERS;
        public static final List<String> BASELINES = io.churnlens.schema.ModelColumns.BASELINE_SCORERS;

        static Model parse(Config c) {
            Settings s = new Settings(c, "model");
            long seed = s.wholeNumber("seed");
            double train = s.fraction("train-fraction");
            double validation = s.fraction("validation-fraction");
            if (train <= 0 || validation <= 0 || train + validation >= 1) {
                throw s.invalid("validation-fraction", validation, "fractions with train-fraction (" + train
                        + ") such that both are > 0 and their sum < 1 (the rest is the holdout)");
            }
            List<String> features = List.copyOf(s.strings("features"));
            if (features.isEmpty()) throw s.invalid("features", "[]", "a list of numeric customer_features columns");
            List<String> candidates = List.copyOf(s.strings("candidates"));
            if (!CANDIDATES.containsAll(candidates)) throw s.invalid("candidates", candidates, "a subset of " + CANDIDATES);
            List<String> baselines = List.copyOf(s.strings("baselines"));
            if (!BASELINES.containsAll(baselines)) throw s.invalid("baselines", baselines, "a subset of " + BASELINES);
            if (candidates.isEmpty() && baselines.isEmpty()) throw s.invalid("candidates", "[]", "at least one candidate or baseline");
            List<Double> reg = List.copyOf(s.numbers("logistic-reg-params"));
            if (reg.isEmpty() || reg.stream().anyMatch(v -> v < 0)) throw s.invalid("logistic-reg-params", reg, "a non-empty list of numbers >= 0");
            List<Double> mix = List.copyOf(s.numbers("logistic-elastic-net-params"));
            if (mix.isEmpty() || mix.stream().anyMatch(v -> v < 0 || v > 1)) throw s.invalid("logistic-elastic-net-params", mix, "a non-empty list of numbers in [0, 1]");
            List<Integer> depths = List.copyOf(s.ints("gbt-max-depths"));
            if (depths.isEmpty() || depths.stream().anyMatch(d -> d < 1 || d > 30)) throw s.invalid("gbt-max-depths", depths, "a non-empty list of depths in 1..30");
            double step = s.fraction("gbt-step-size");
            if (step <= 0) throw s.invalid("gbt-step-size", step, "a number in (0, 1]");
            double medium = s.fraction("risk-medium");
            double high = s.fraction("risk-high");
            if (high <= medium) throw s.invalid("risk-high", high, "a probability above model.risk-medium (" + medium + ")");
            return new Model(seed, train, validation, features, candidates, baselines, reg, mix, depths,
                    s.positiveInt("gbt-max-iterations"), step, medium, high, s.positiveInt("max-training-customers"),
                    ModelOptions.inputs(c), ModelOptions.campaign(c), s.choice("training-window", TrainingWindow.class));
        }
    }

    /**
     * Delimiters, quotes and line breaks are ASCII and are found in the raw bytes, so the charset must encode ASCII
     * as the same single bytes (UTF-16/32 do not).
     */
    private static boolean asciiCompatible(String encoding) {
        try {
            java.nio.charset.Charset cs = java.nio.charset.Charset.forName(encoding);
            String ascii = "\t\r\n ,;|\"\\azAZ09";
            return cs.canEncode() && java.util.Arrays.equals(ascii.getBytes(cs), ascii.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Each section parses itself, in the order of the defaults file (the first invalid key is the one reported). */
    static ChurnlensConfig from(Config c) {
        Input input = Input.parse(c);
        Mapping mapping = Mapping.parse(c);
        Ingest ingest = Ingest.parse(c);
        Cleaning cleaning = Cleaning.parse(c);
        Time time = Time.parse(c);
        Churn churn = Churn.parse(c);
        Run run = Run.parse(c);
        Output output = Output.parse(c);
        Clv clv = Clv.parse(c);
        Simulate simulate = Simulate.parse(c, churn.horizonDays());
        Features features = Features.parse(c);
        Segment segment = Segment.parse(c);
        return new ChurnlensConfig(input, mapping, ingest, cleaning, time, churn, run, output, clv, simulate, features,
                segment, ImpactSettings.parse(c), BootstrapSettings.parse(c), Model.parse(c), PseudonymSettings.parse(c),
                DriftSettings.parse(c),
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
