package io.churnlens.schema;

import static io.churnlens.schema.DataDictionary.Types.BIGINT;
import static io.churnlens.schema.DataDictionary.Types.BOOLEAN;
import static io.churnlens.schema.DataDictionary.Types.DATE;
import static io.churnlens.schema.DataDictionary.Types.DOUBLE;
import static io.churnlens.schema.DataDictionary.Types.INT;
import static io.churnlens.schema.DataDictionary.Types.MONEY;
import static io.churnlens.schema.DataDictionary.Types.STRING;
import static io.churnlens.schema.DataDictionary.Types.TIMESTAMP;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * Every published table, described once: partitioning, and each column's type, unit and meaning. The Spark schemas
 * of {@code schema/} are built from these descriptions ({@link TableDoc#schema()}), {@code DATA_DICTIONARY.md} is
 * generated from them ({@link DictionaryMarkdown}), and a test compares the checked-in file with the generator and
 * every table of a real run with its description. Adding a column is one line here (plus its name constant);
 * adding a table is one {@link TableDoc} here and one entry in {@link #TABLES}.
 *
 * <p>Only compile-time constants of the columns classes are used here, never their schemas, so building these
 * descriptions never waits on a columns class being initialised.
 */
public final class DataDictionary {
    private DataDictionary() {}

    /** The plain Parquet types the tables use. */
    static final class Types {
        private Types() {}

        static final DataType STRING = DataTypes.StringType;
        static final DataType INT = DataTypes.IntegerType;
        static final DataType BIGINT = DataTypes.LongType;
        static final DataType DOUBLE = DataTypes.DoubleType;
        static final DataType BOOLEAN = DataTypes.BooleanType;
        static final DataType DATE = DataTypes.DateType;
        static final DataType TIMESTAMP = DataTypes.TimestampType;
        /** Booked money: net amounts in the reporting currency, to the cent. */
        static final DataType MONEY = DataTypes.createDecimalType(18, 2);
    }

    private static final String CURRENCY = "currency";
    private static final String MODEL_CURRENCY = "currency (expectation)";
    private static final String SHARE = "share 0-1";
    private static final String CUSTOMERS = "customers";

    public static final TableDoc TRANSACTIONS = TableDoc.at(Tables.TRANSACTIONS, "transactions/event_month=YYYY-MM/",
                    "one row per accepted input row; money net, a return is a negative amount")
            .column(TransactionColumns.ROW_KEY, STRING, false, "", "SHA-256 of the row's canonical values (customer id, "
                    + "event instant, amount, quantity, return flag, transaction id, product id): the identity that "
                    + "recognises duplicates and re-ingests (README, *Ingest rules*)")
            .column(TransactionColumns.TRANSACTION_ID, STRING, true, "", "the source's transaction or invoice id; not "
                    + "unique (an invoice has many lines); null when unmapped")
            .column(TransactionColumns.CUSTOMER_ID, STRING, false, "", "customer id as cleaned by ingest (`17850.0` "
                    + "becomes `17850`)")
            .column(TransactionColumns.EVENT_TS, TIMESTAMP, false, "instant (UTC)", "when the event happened")
            .column(TransactionColumns.EVENT_DATE, DATE, false, "", "business date of the event in "
                    + "`ingest.reporting-timezone`; every later stage filters `event_date <= T`")
            .column(TransactionColumns.AMOUNT, MONEY, false, CURRENCY, "net amount, negative for returns")
            .column(TransactionColumns.QUANTITY, BIGINT, true, "units", "quantity when mapped")
            .column(TransactionColumns.IS_RETURN, BOOLEAN, false, "", "a return or cancellation")
            .column(TransactionColumns.PRODUCT_ID, STRING, true, "", "product id; null when unmapped")
            .column(TransactionColumns.CATEGORY, STRING, true, "", "product category; null when unmapped")
            .column(TransactionColumns.COUNTRY, STRING, true, "", "country; null when unmapped")
            .column(TransactionColumns.CHANNEL, STRING, true, "", "sales channel; null when unmapped")
            .column(TransactionColumns.SOURCE_FILE, STRING, false, "", "the input file the row came from")
            .column(TransactionColumns.INGEST_RUN, STRING, false, "", "run id of the ingest that stored the row")
            .partition(TransactionColumns.EVENT_MONTH, STRING, "`yyyy-MM` of `event_date`");

    public static final TableDoc QUARANTINE = TableDoc.at(Tables.QUARANTINE, "quarantine/ingest_run=<id>/",
                    "one row per rejected input row, with its raw values and the first rule it broke")
            .column(QuarantineColumns.RAW, STRING, false, "", "JSON object of the row's raw values by input column "
                    + "name; bytes invalid in `input.encoding` shown as `\\xNN`")
            .column(QuarantineColumns.REASON_CODE, STRING, false, "", "one of the reason codes below")
            .column(QuarantineColumns.DETAIL, STRING, false, "", "the offending value and what was expected")
            .column(QuarantineColumns.SOURCE_FILE, STRING, false, "", "the input file the row came from")
            .partition(QuarantineColumns.INGEST_RUN, STRING, "run id of the ingest that rejected the row")
            .note("Reason codes (each rejected row records the first rule it breaks; the order is in the README): "
                    + reasonCodes() + ".");

    public static final TableDoc DATA_QUALITY = TableDoc.at(Tables.DATA_QUALITY,
                    "reports/data_quality/as_of=YYYY-MM-DD/ingest_run=<id>/",
                    "one row per ingest run and metric (long form: a new quarantine reason adds rows, not columns)")
            .column(DataQualityColumns.SOURCE, STRING, false, "", "the input path as configured")
            .column(DataQualityColumns.METRIC, STRING, false, "", "what is counted (metrics below)")
            .column(DataQualityColumns.ROWS, BIGINT, false, "rows", "the count")
            .asOf()
            .partition(DataQualityColumns.INGEST_RUN, STRING, "run id of the ingest; a re-ingest for the same "
                    + "snapshot adds a partition and keeps the earlier run's")
            .note("Metrics: " + String.join(", ", code(DataQualityColumns.ROWS_READ), code(DataQualityColumns.ACCEPTED),
                    code(DataQualityColumns.QUARANTINED), code(DataQualityColumns.DUPLICATES_IN_INPUT),
                    code(DataQualityColumns.DUPLICATES_ALREADY_INGESTED), code(DataQualityColumns.CONFLICTS_NOT_ADDED),
                    code(DataQualityColumns.QUARANTINED_PREFIX + "<REASON>"))
                    + "; always rows_read = accepted + quarantined + duplicates_in_input + duplicates_already_ingested"
                    + " + conflicts_not_added. Informative, outside that sum: "
                    + String.join(", ", code(DataQualityColumns.CONFLICTS_WITH_INGESTED),
                    code(DataQualityColumns.ROWS_REPLACED), code(DataQualityColumns.AMOUNTS_ROUNDED),
                    code(DataQualityColumns.ACCEPTED_AFTER_SNAPSHOT)) + " (README, *Data dictionary*).");

    public static final TableDoc CUSTOMER_FEATURES = TableDoc.report(Tables.CUSTOMER_FEATURES,
                    "one row per customer with a purchase day on or before T; a purchase day is a day with at least "
                            + "one non-return row, its value that day's net")
            .column(FeatureColumns.CUSTOMER_ID, STRING, false, "", "customer id")
            .column(FeatureColumns.FIRST_PURCHASE_DATE, DATE, false, "", "first purchase day on or before T")
            .column(FeatureColumns.LAST_PURCHASE_DATE, DATE, false, "", "last purchase day on or before T")
            .column(FeatureColumns.RECENCY_DAYS, INT, false, "days", "last purchase day to T (0 = bought on T)")
            .column(FeatureColumns.TENURE_DAYS, INT, false, "days", "first purchase day to T")
            .column(FeatureColumns.PURCHASE_DAYS, INT, false, "purchase days", "frequency: distinct purchase days")
            .column(FeatureColumns.X, INT, false, "purchase days", "repeat purchase days (purchase_days - 1): BTYD x")
            .column(FeatureColumns.T_X, DOUBLE, false, "time.unit", "first to last purchase day: BTYD t_x")
            .column(FeatureColumns.T_CAL, DOUBLE, false, "time.unit", "first purchase day to T: BTYD T")
            .column(FeatureColumns.TIME_UNIT, STRING, false, "", "`days` or `weeks` (time.unit)")
            .column(FeatureColumns.MONETARY_TOTAL, MONEY, false, CURRENCY, "net amount of every row on or before T, "
                    + "returns included")
            .column(FeatureColumns.MONETARY_MEAN, MONEY, false, CURRENCY, "mean net value of a purchase day")
            .column(FeatureColumns.REPEAT_SPEND_MEAN, MONEY, true, CURRENCY, "mean value of the repeat purchase days "
                    + "(the Gamma-Gamma input); null when x = 0")
            .column(FeatureColumns.spendInLast(0).replace("0", "{N}"), MONEY, false, CURRENCY, "net amount in the last "
                    + "N days (T-N+1 .. T), one column per N of `features.windows-days` (default 30, 90, 180, 365)")
            .column(FeatureColumns.purchaseDaysInLast(0).replace("0", "{N}"), INT, false, "purchase days",
                    "purchase days in the last N days, one column per N of `features.windows-days`")
            .column(FeatureColumns.SPEND_TREND, DOUBLE, false, "ratio -1..1", "(last - previous) / (|last| + "
                    + "|previous|) of net spend over two back-to-back `features.trend-window-days` windows; 0 when both are 0")
            .column(FeatureColumns.PURCHASE_DAYS_TREND, DOUBLE, false, "ratio -1..1", "the same on purchase days")
            .column(FeatureColumns.MEAN_GAP_DAYS, DOUBLE, true, "days", "mean gap between purchase days; null with "
                    + "fewer than 2")
            .column(FeatureColumns.GAP_STDDEV_DAYS, DOUBLE, true, "days", "sample standard deviation of the gaps; null "
                    + "with fewer than 2 gaps")
            .column(FeatureColumns.DAYS_OVERDUE, DOUBLE, true, "days", "recency_days - mean_gap_days (positive: later "
                    + "than the customer's habit)")
            .column(FeatureColumns.TRANSACTION_ROWS, INT, false, "rows", "transaction rows on or before T")
            .column(FeatureColumns.RETURN_ROW_SHARE, DOUBLE, false, SHARE, "share of the rows that are returns")
            .column(FeatureColumns.RETURNED_VALUE_SHARE, DOUBLE, true, "ratio", "returned value / purchased value; null "
                    + "when nothing was purchased")
            .column(FeatureColumns.DISTINCT_PRODUCTS, INT, true, "products", "distinct product ids; null without them")
            .column(FeatureColumns.DISTINCT_CATEGORIES, INT, true, "categories", "distinct categories; null without them")
            .column(FeatureColumns.COUNTRY, STRING, true, "", "most frequent country (ties: alphabetically first)")
            .column(FeatureColumns.CHANNEL, STRING, true, "", "most frequent channel (ties: alphabetically first)")
            .asOf();

    public static final TableDoc CUSTOMER_SEGMENTS = TableDoc.report(Tables.CUSTOMER_SEGMENTS,
                    "one row per customer of customer_features")
            .column(SegmentColumns.CUSTOMER_ID, STRING, false, "", "customer id")
            .column(SegmentColumns.R_SCORE, INT, false, "score 1-5", "recency quintile score, 5 = most recent; equal "
                    + "values always get equal scores")
            .column(SegmentColumns.F_SCORE, INT, false, "score 1-5", "frequency (purchase_days) quintile score, 5 = most")
            .column(SegmentColumns.M_SCORE, INT, false, "score 1-5", "monetary (monetary_total) quintile score, 5 = most")
            .column(SegmentColumns.RFM_CELL, STRING, false, "", "the three scores, e.g. `545`")
            .column(SegmentColumns.RFM_SEGMENT, STRING, false, "", "named segment (Champions, Loyal, Potential "
                    + "loyalists, New, Promising, Need attention, About to sleep, At risk, Can't lose them, Hibernating, "
                    + "Lost; rules in `segment/RfmSegmentMap.java`)")
            .column(SegmentColumns.CLUSTER_ID, INT, false, "", "behavioural cluster, 1 = highest mean monetary_total")
            .column(SegmentColumns.CLUSTER_NAME, STRING, false, "", "descriptive cluster name from its profile")
            .asOf();

    public static final TableDoc SEGMENT_SUMMARY = TableDoc.report(Tables.SEGMENT_SUMMARY,
                    "one row per RFM segment and per behavioural cluster")
            .column(SegmentColumns.GROUPING, STRING, false, "", "`rfm` or `cluster`")
            .column(SegmentColumns.SEGMENT, STRING, false, "", "segment or cluster name")
            .column(SegmentColumns.SEGMENT_ORDER, INT, false, "", "display order: the RFM rule order or the cluster id")
            .column(SegmentColumns.CUSTOMERS, BIGINT, false, CUSTOMERS, "customers in the segment")
            .column(SegmentColumns.CUSTOMER_SHARE, DOUBLE, false, SHARE, "of all customers of the snapshot")
            .column(SegmentColumns.REVENUE, MONEY, false, CURRENCY, "sum of monetary_total (net revenue to date)")
            .column(SegmentColumns.REVENUE_SHARE, DOUBLE, true, SHARE, "of all revenue; null when that is 0")
            .column(SegmentColumns.MEAN_RECENCY_DAYS, DOUBLE, false, "days", "mean recency_days")
            .column(SegmentColumns.MEAN_FREQUENCY, DOUBLE, false, "purchase days", "mean purchase_days")
            .column(SegmentColumns.MEAN_MONETARY, DOUBLE, false, CURRENCY, "mean monetary_total")
            .asOf();

    public static final TableDoc CLUSTER_K_SELECTION = TableDoc.report(Tables.CLUSTER_K_SELECTION,
                    "one row per candidate number of clusters k")
            .column(SegmentColumns.K, INT, false, "clusters", "the candidate k")
            .column(SegmentColumns.SILHOUETTE, DOUBLE, false, "-1..1", "silhouette of k-means with this k on the "
                    + "selection sample (squared Euclidean, scaled features)")
            .column(SegmentColumns.CHOSEN, BOOLEAN, false, "", "the k that was used")
            .asOf();

    public static final TableDoc CLV_PARAMS = TableDoc.report(Tables.CLV_PARAMS,
                    "one row per fitted parameter of each model (README, *How a fit ends*)")
            .column(ClvColumns.MODEL, STRING, false, "", "`bg_nbd`, `pareto_nbd`, `mbg_nbd`, `gamma_gamma`, `nbd` when the "
                    + "no-drop-out limit is the fallback, `<base>_covariates` (clv.covariates)")
            .column(ClvColumns.PARAMETER, STRING, false, "", "parameter name (r, alpha, a, b; r, alpha, s, beta; p, q, "
                    + "gamma; covariate models also `gamma_trans:<column>=<level>` and `gamma_life:<column>=<level>`)")
            .column(ClvColumns.VALUE, DOUBLE, true, "time.unit for rates", "the estimate; null unless identified")
            .column(ClvColumns.STD_ERROR, DOUBLE, true, "as value", "from the inverse observed information; null "
                    + "unless identified")
            .column(ClvColumns.LOG_LIKELIHOOD, DOUBLE, true, "", "of the fit; null only when failed (at a boundary, the "
                    + "supremum approached)")
            .column(ClvColumns.CUSTOMERS, BIGINT, false, CUSTOMERS, "customers fitted on")
            .column(ClvColumns.CONVERGED, BOOLEAN, false, "", "true exactly when fit_state is identified")
            .column(ClvColumns.NOTE, STRING, true, "", "optimiser details: starts, evaluations, the last iterate when "
                    + "not identified")
            .column(ClvColumns.FIT_STATE, STRING, false, "", "`identified`, `boundary` or `failed`")
            .column(ClvColumns.FIT_NOTE, STRING, false, "", "the verdict in words, and what the pipeline used instead")
            .asOf();

    public static final TableDoc CUSTOMER_VALUE = TableDoc.report(Tables.CUSTOMER_VALUE,
                    "one row per customer of customer_features; absent when no purchase model is usable")
            .column(ClvColumns.CUSTOMER_ID, STRING, false, "", "customer id")
            .column(ClvColumns.P_ALIVE, DOUBLE, true, "probability", "P(alive) at T under the purchase model (BG/NBD: 1 "
                    + "when x = 0)")
            .column(ClvColumns.P_ALIVE_PARETO_NBD, DOUBLE, true, "probability", "P(alive) under Pareto/NBD (falls with "
                    + "age for one-time buyers); null when not usable")
            .column(ClvColumns.EXPECTED_PURCHASES, DOUBLE, true, "purchase days", "expected in (T, T + clv.horizon-months]")
            .column(ClvColumns.EXPECTED_SPEND, DOUBLE, true, MODEL_CURRENCY, "Gamma-Gamma conditional mean per "
                    + "purchase day (see spend_flag)")
            .column(ClvColumns.SPEND_FLAG, STRING, false, "", "`OBSERVED`, `NO_REPEAT_PURCHASE` / `NON_POSITIVE_SPEND` "
                    + "(population mean used), `SPEND_MODEL_UNAVAILABLE`, `INVALID_STATISTICS`")
            .column(ClvColumns.CLV, DOUBLE, true, MODEL_CURRENCY, "discounted expected margin over the horizon "
                    + "(formula in README and `clv/ClvCalculator.java`)")
            .column(ClvColumns.PURCHASE_MODEL, STRING, false, "", "`bg_nbd`, `pareto_nbd`, `mbg_nbd`, or `nbd` "
                    + "(fallback); with covariates in use, the model of the customer's cell")
            .asOf();

    public static final TableDoc CLV_HOLDOUT = TableDoc.report(Tables.CLV_HOLDOUT,
                    "fit as of T-H, predicted vs actual purchase days in (T-H, T], per frequency bucket")
            .column(ClvColumns.MODEL, STRING, false, "", "purchase model used")
            .column(ClvColumns.FREQUENCY_BUCKET, STRING, false, "", "calibration x: `0` .. `6`, `7+`, then `total`")
            .column(ClvColumns.CUSTOMERS, BIGINT, false, CUSTOMERS, "customers in the bucket")
            .column(ClvColumns.ACTUAL_PURCHASES, DOUBLE, false, "purchase days", "observed in the holdout window")
            .column(ClvColumns.PREDICTED_PURCHASES, DOUBLE, false, "purchase days", "expected by the model")
            .column(ClvColumns.ACTUAL_MEAN, DOUBLE, false, "purchase days per customer", "actual / customers")
            .column(ClvColumns.PREDICTED_MEAN, DOUBLE, false, "purchase days per customer", "predicted / customers")
            .asOf();

    public static final TableDoc CUSTOMER_SCORES = TableDoc.report(Tables.CUSTOMER_SCORES,
                    "one row per customer of customer_features as of T; absent when no model could be trained")
            .column(ScoreColumns.CUSTOMER_ID, STRING, false, "", "customer id")
            .column(ScoreColumns.CHURN_PROBABILITY, DOUBLE, false, "probability", "calibrated P(no purchase in (T, T+H])")
            .column(ScoreColumns.RISK_TIER, STRING, false, "", "`high` (>= model.risk-high), `medium` (>= "
                    + "model.risk-medium) or `low`")
            .column(ScoreColumns.REASON_1, STRING, true, "log-odds", "largest contribution, as `feature (+0.12)`; null "
                    + "for recency and rfm_segment")
            .column(ScoreColumns.REASON_2, STRING, true, "log-odds", "second largest contribution")
            .column(ScoreColumns.REASON_3, STRING, true, "log-odds", "third largest contribution")
            .column(ScoreColumns.SCORER, STRING, false, "", "the champion that scored")
            .column(ScoreColumns.RFM_SEGMENT, STRING, true, "", "from customer_segments; null without segment")
            .column(ScoreColumns.CLUSTER_NAME, STRING, true, "", "from customer_segments; null without segment")
            .column(ScoreColumns.P_ALIVE, DOUBLE, true, "probability", "from customer_value; null without clv")
            .column(ScoreColumns.EXPECTED_PURCHASES, DOUBLE, true, "purchase days", "from customer_value")
            .column(ScoreColumns.EXPECTED_SPEND, DOUBLE, true, MODEL_CURRENCY, "from customer_value")
            .column(ScoreColumns.CLV, DOUBLE, true, MODEL_CURRENCY, "from customer_value")
            .column(ScoreColumns.EXPECTED_REVENUE_12M, DOUBLE, true, MODEL_CURRENCY, "expected_purchases x "
                    + "expected_spend, undiscounted; null unless clv.horizon-months = 12")
            .asOf();

    public static final TableDoc MODEL_METRICS = modelMetrics(Tables.MODEL_METRICS,
            "long form: one value per row (metrics, calibration deciles, importances, selection, class balance)");

    public static final TableDoc MODEL_BACKTEST = BacktestColumns.describe(modelMetrics(Tables.MODEL_BACKTEST,
            "as model_metrics, evaluation `backtest`: the model of an earlier snapshot T' judged on (T', T'+H]; "
                    + "written by `backtest` (in `pipeline`)"));

    public static final TableDoc MODEL_CURVES = TableDoc.report(Tables.MODEL_CURVES,
                    "ROC and precision-recall points of every scorer on the holdout, at most 101 a scorer: point 0 "
                            + "flags nobody, then one point at the end of each percentile of customers ranked by "
                            + "descending probability; a tie group is one step, so the trapezoids give roc_auc exactly")
            .column(CurveColumns.SCORER, STRING, false, "", "as in model_metrics")
            .column(CurveColumns.CHAMPION, BOOLEAN, false, "", "true on every row of the champion")
            .column(CurveColumns.EVALUATION, STRING, false, "", "`holdout`")
            .column(CurveColumns.POINT, INT, false, "", "0 = nobody flagged, then 1, 2, ...")
            .column(CurveColumns.THRESHOLD, DOUBLE, true, "probability", "lowest probability flagged; null at point 0")
            .column(CurveColumns.FLAGGED, BIGINT, false, CUSTOMERS, "customers at or above the threshold")
            .column(CurveColumns.FLAGGED_SHARE, DOUBLE, false, SHARE, "flagged / customers evaluated")
            .column(CurveColumns.TRUE_POSITIVES, BIGINT, false, CUSTOMERS, "churners among the flagged")
            .column(CurveColumns.FALSE_POSITIVES, BIGINT, false, CUSTOMERS, "non-churners among the flagged")
            .column(CurveColumns.TRUE_POSITIVE_RATE, DOUBLE, true, SHARE, "true_positives / churners (= recall): "
                    + "the ROC curve's y")
            .column(CurveColumns.FALSE_POSITIVE_RATE, DOUBLE, true, SHARE, "false_positives / non-churners: the ROC "
                    + "curve's x")
            .column(CurveColumns.PRECISION, DOUBLE, true, SHARE, "true_positives / flagged; null at point 0")
            .asOf();

    public static final TableDoc MODEL_LIFT = TableDoc.report(Tables.MODEL_LIFT,
                    "lift by decile of every scorer on the holdout; decile 1's lift and capture are model_metrics' "
                            + "top_decile_lift and top_decile_capture")
            .column(CurveColumns.SCORER, STRING, false, "", "as in model_metrics")
            .column(CurveColumns.CHAMPION, BOOLEAN, false, "", "true on every row of the champion")
            .column(CurveColumns.EVALUATION, STRING, false, "", "`holdout`")
            .column(CurveColumns.DECILE, INT, false, "", "1 = the 10% highest probabilities, 10 = the lowest")
            .column(CurveColumns.CUSTOMERS, DOUBLE, false, CUSTOMERS, "a tenth of the customers evaluated "
                    + "(fractional when that is not whole)")
            .column(CurveColumns.CHURNERS, DOUBLE, false, CUSTOMERS, "churners in the decile; a tie group across a "
                    + "decile boundary is shared in proportion")
            .column(CurveColumns.CHURN_RATE, DOUBLE, true, SHARE, "churners / customers of the decile")
            .column(CurveColumns.LIFT, DOUBLE, true, "ratio", "decile churn rate / overall churn rate")
            .column(CurveColumns.CUMULATIVE_CAPTURE, DOUBLE, true, SHARE, "share of all churners in deciles 1..d")
            .asOf();

    public static final TableDoc CHURN_MODEL = TableDoc.at("models/" + Tables.CHURN_MODEL,
                    "models/churn/as_of=YYYY-MM-DD/metadata.json (+ pipeline/ for a learned model)",
                    "the champion trained for T: one JSON object (snake_case keys) and, for logistic or gbt, the MLlib "
                            + "pipeline")
            .column("as_of", STRING, false, "", "T, `YYYY-MM-DD`")
            .column("calibration", STRING, false, "", "Platt intercept and slope (JSON object)")
            .column("champion_reason", STRING, true, "", "why this scorer won")
            .column("created_at", STRING, false, "instant", "when it was trained")
            .column("features", STRING, false, "", "input columns (JSON array): customer_features columns, then for a "
                    + "learned model the added inputs (btyd_*, `group=level`) described in state.inputs")
            .column("features_as_of", STRING, false, "", "T-H: the features' snapshot")
            .column("format_version", INT, false, "", "file format version")
            .column("holdout_metrics", STRING, false, "", "holdout ROC AUC, PR AUC, Brier, ... (JSON object)")
            .column("horizon_days", INT, false, "days", "H")
            .column("label_window", STRING, false, "", "(T-H, T]")
            .column("model", STRING, false, "", "model name (`churn`)")
            .column("scorer", STRING, false, "", "the champion scorer")
            .column("seed", BIGINT, false, "", "model.seed")
            .column("spark_version", STRING, false, "", "Spark that trained it")
            .column("state", STRING, true, "", "the scorer's fitted state, e.g. a baseline's parameters; for a learned "
                    + "model `inputs`: the BTYD horizon, the group levels kept at training and a note (JSON object)")
            .partition(Tables.AS_OF, DATE, "T");

    /** What each kind of interval covers (README, *Intervals*). */
    private static final String BOOT = "lower end of the 90% customer-bootstrap interval (sampling of customers: "
            + "how the figure would vary over other customer bases like this one; no model or outcome uncertainty) of ";
    private static final String PARAM = "lower end of the 90% interval from BG/NBD parameter uncertainty alone (draws "
            + "from the fit's covariance on the log scale the fit uses, so none is rejected; this customer base fixed) of ";
    private static final String PRED = "lower end of the 90% prediction interval (drop-out of each buyer drawn given "
            + "its P(alive), plus parameter draws) of the realised ";

    public static final TableDoc CHURN_IMPACT = TableDoc.report(Tables.CHURN_IMPACT,
                    "one row per quarter, oldest first, up to impact.history-quarters; the last row is the as-of "
                            + "quarter ending at T. Active at d = last purchase at most churn.inactivity-days before d")
            .column(ImpactColumns.QUARTER, STRING, false, "", "`YYYY-Qn`")
            .column(ImpactColumns.QUARTER_START, DATE, false, "", "first day of the quarter")
            .column(ImpactColumns.QUARTER_END, DATE, false, "", "last day, or T inside the quarter")
            .column(ImpactColumns.CUSTOMERS_START, BIGINT, false, CUSTOMERS, "active at the previous quarter end")
            .column(ImpactColumns.CUSTOMERS_NEW, BIGINT, false, CUSTOMERS, "first purchase in the quarter")
            .column(ImpactColumns.CUSTOMERS_REACTIVATED, BIGINT, false, CUSTOMERS, "inactive at the start, active again")
            .column(ImpactColumns.CUSTOMERS_DEPARTED, BIGINT, false, CUSTOMERS, "active at the start, not at the end")
            .column(ImpactColumns.CUSTOMERS_END, BIGINT, false, CUSTOMERS, "start - departed + new + reactivated")
            .column(ImpactColumns.CHURN_RATE, DOUBLE, true, SHARE, "departed / start")
            .column(ImpactColumns.RETENTION_RATE, DOUBLE, true, SHARE, "1 - churn_rate")
            .column(ImpactColumns.REVENUE_LOST, MONEY, false, CURRENCY, "the departed customers' annual value (net "
                    + "revenue in the 365 days up to their last purchase)")
            .column(ImpactColumns.ANNUAL_REVENUE, MONEY, false, CURRENCY, "net revenue of the four quarters ending here")
            .column(ImpactColumns.REVENUE_LOST_SHARE, DOUBLE, true, SHARE, "revenue_lost / annual_revenue")
            .column(ImpactColumns.YEAR_AGO_CUSTOMERS, BIGINT, false, CUSTOMERS, "active at the quarter end a year earlier")
            .column(ImpactColumns.YEAR_AGO_REVENUE_BEFORE, MONEY, false, CURRENCY, "their net revenue in the four "
                    + "quarters up to then")
            .column(ImpactColumns.YEAR_AGO_REVENUE_NOW, MONEY, false, CURRENCY, "their net revenue in the last four quarters")
            .column(ImpactColumns.REVENUE_CHURN_RATE, DOUBLE, true, SHARE, "share of year_ago_revenue_before from those "
                    + "of them no longer active")
            .column(ImpactColumns.NET_REVENUE_RETENTION, DOUBLE, true, "ratio", "year_ago_revenue_now / before")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS, DOUBLE, true, CUSTOMERS, "as-of quarter only: sum over the "
                    + "quarter's buyers of 1 - P(alive at T)")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE, DOUBLE, true, MODEL_CURRENCY, "the same weighted by annual value")
            .column(ImpactColumns.CLV_LOST, DOUBLE, true, MODEL_CURRENCY, "sum of CLV / P(alive) of the departed")
            .column(ImpactColumns.REVENUE_AT_RISK, DOUBLE, true, MODEL_CURRENCY, "sum of churn_probability x "
                    + "expected_revenue_12m; null without customer_scores")
            .column(ImpactColumns.REVENUE_AT_RISK_TOP_SEGMENT, STRING, true, "", "segment carrying the most of it")
            .column(ImpactColumns.REVENUE_AT_RISK_TOP_SEGMENT_SHARE, DOUBLE, true, SHARE, "that segment's share")
            .column(ImpactColumns.REVENUE_AT_RISK_TOP_DECILE_SHARE, DOUBLE, true, SHARE, "share carried by the 10% most "
                    + "exposed customers")
            .column(ImpactColumns.MARKETING_SPEND, MONEY, true, CURRENCY, "impact.marketing-spend; null when not given")
            .column(ImpactColumns.ACQUISITION_COST, DOUBLE, true, "currency per customer", "spend / new customers")
            .column(ImpactColumns.COST_TO_REPLACE_DEPARTED, DOUBLE, true, CURRENCY, "departed x acquisition cost")
            .column(ImpactColumns.VALUE_TO_ACQUISITION_COST, DOUBLE, true, "ratio", "mean CLV of the quarter's new "
                    + "customers / acquisition cost")
            .column(ImpactColumns.NOTE, STRING, true, "", "why a column is null, which figures rest on assumptions")
            // Intervals (README, *Intervals*): as-of quarter row only, null on earlier rows and when not computed.
            .column(ImpactColumns.CHURN_RATE_LO90, DOUBLE, true, SHARE, BOOT + "churn_rate (ratio of the replicates' sums)")
            .column(ImpactColumns.CHURN_RATE_HI90, DOUBLE, true, SHARE, "upper end of the same")
            .column(ImpactColumns.REVENUE_LOST_LO90, MONEY, true, CURRENCY, BOOT + "revenue_lost")
            .column(ImpactColumns.REVENUE_LOST_HI90, MONEY, true, CURRENCY, "upper end of the same")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_LO90, DOUBLE, true, CUSTOMERS, BOOT + "model_expected_dropouts")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_HI90, DOUBLE, true, CUSTOMERS, "upper end of the same")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_LO90, DOUBLE, true, MODEL_CURRENCY, BOOT + "model_dropout_revenue")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_HI90, DOUBLE, true, MODEL_CURRENCY, "upper end of the same")
            .column(ImpactColumns.CLV_LOST_LO90, DOUBLE, true, MODEL_CURRENCY, BOOT + "clv_lost")
            .column(ImpactColumns.CLV_LOST_HI90, DOUBLE, true, MODEL_CURRENCY, "upper end of the same")
            .column(ImpactColumns.REVENUE_AT_RISK_LO90, DOUBLE, true, MODEL_CURRENCY, BOOT + "revenue_at_risk (scored "
                    + "customers resampled with the same weights)")
            .column(ImpactColumns.REVENUE_AT_RISK_HI90, DOUBLE, true, MODEL_CURRENCY, "upper end of the same")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_PARAM_LO90, DOUBLE, true, CUSTOMERS, PARAM
                    + "model_expected_dropouts")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_PARAM_HI90, DOUBLE, true, CUSTOMERS, "upper end of the same")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_PARAM_LO90, DOUBLE, true, MODEL_CURRENCY, PARAM
                    + "model_dropout_revenue")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_PARAM_HI90, DOUBLE, true, MODEL_CURRENCY, "upper end of the same")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_PRED_LO90, DOUBLE, true, CUSTOMERS, PRED + "number of the "
                    + "quarter's buyers who truly dropped out in the quarter")
            .column(ImpactColumns.MODEL_EXPECTED_DROPOUTS_PRED_HI90, DOUBLE, true, CUSTOMERS, "upper end of the same")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_PRED_LO90, DOUBLE, true, MODEL_CURRENCY, PRED + "annual value "
                    + "of those customers (the figure whose coverage of the generator's truth is tested: 89% over "
                    + "200 generated worlds)")
            .column(ImpactColumns.MODEL_DROPOUT_REVENUE_PRED_HI90, DOUBLE, true, MODEL_CURRENCY, "upper end of the same")
            .column(ImpactColumns.BOOTSTRAP_REPLICATES, INT, true, "replicates", "customer bootstrap replicates behind "
                    + "the _lo90/_hi90 columns (impact.bootstrap.replicates); null when off")
            .column(ImpactColumns.PARAMETER_DRAWS, INT, true, "draws", "BG/NBD parameter draws behind the _param_ and "
                    + "_pred_ columns (impact.bootstrap.parameter-draws); null when none were made (the note says why)")
            .asOf();

    public static final TableDoc SCENARIOS = TableDoc.report(Tables.SCENARIOS,
                    "one row per churn reduction (formulas in `impact/Scenarios.java`)")
            .column(ImpactColumns.SCENARIO, STRING, false, "", "e.g. `-2 pp` or `-20%`")
            .column(ImpactColumns.CHURN_REDUCTION_PP, DOUBLE, false, "percentage points", "capped at the baseline")
            .column(ImpactColumns.BASELINE_CHURN_RATE, DOUBLE, false, SHARE, "the as-of quarter's churn rate")
            .column(ImpactColumns.SCENARIO_CHURN_RATE, DOUBLE, false, SHARE, "after the reduction")
            .column(ImpactColumns.CUSTOMERS_KEPT, DOUBLE, false, CUSTOMERS, "customers at the start x reduction x "
                    + "assumption_multiplier")
            .column(ImpactColumns.REVENUE_KEPT_THIS_YEAR, DOUBLE, false, CURRENCY, "customers kept x annual value of a "
                    + "departed customer")
            .column(ImpactColumns.HORIZON_QUARTERS, INT, false, "quarters", "impact.scenario-horizon-quarters")
            .column(ImpactColumns.BASE_VALUE_BASELINE, DOUBLE, false, CURRENCY, "discounted revenue of today's "
                    + "customers over the horizon, baseline churn")
            .column(ImpactColumns.BASE_VALUE_SCENARIO, DOUBLE, false, CURRENCY, "the same with the scenario's churn")
            .column(ImpactColumns.BASE_VALUE_EFFECT, DOUBLE, false, CURRENCY, "scenario - baseline")
            .column(ImpactColumns.ASSUMPTION_MULTIPLIER, DOUBLE, false, "factor", "1 + word-of-mouth + referral "
                    + "(exactly 1 when both are off)")
            .column(ImpactColumns.ASSUMPTIONS, STRING, false, "", "the assumptions in words")
            .column(ImpactColumns.CUSTOMERS_KEPT_LO90, DOUBLE, true, CUSTOMERS, BOOT + "customers_kept (the scenario "
                    + "recomputed from each replicate's quarter)")
            .column(ImpactColumns.CUSTOMERS_KEPT_HI90, DOUBLE, true, CUSTOMERS, "upper end of the same")
            .column(ImpactColumns.REVENUE_KEPT_THIS_YEAR_LO90, DOUBLE, true, CURRENCY, BOOT + "revenue_kept_this_year")
            .column(ImpactColumns.REVENUE_KEPT_THIS_YEAR_HI90, DOUBLE, true, CURRENCY, "upper end of the same")
            .column(ImpactColumns.BASE_VALUE_EFFECT_LO90, DOUBLE, true, CURRENCY, BOOT + "base_value_effect")
            .column(ImpactColumns.BASE_VALUE_EFFECT_HI90, DOUBLE, true, CURRENCY, "upper end of the same")
            .asOf();

    public static final TableDoc COHORT_RETENTION = TableDoc.report(Tables.COHORT_RETENTION,
                    "acquisition quarter x quarters since; projected rows beyond the last observed quarter (sBG)")
            .column(ImpactColumns.COHORT, STRING, false, "", "acquisition quarter `YYYY-Qn`")
            .column(ImpactColumns.QUARTERS_SINCE, INT, false, "quarters", "0 = the acquisition quarter")
            .column(ImpactColumns.QUARTER, STRING, false, "", "the calendar quarter `YYYY-Qn`")
            .column(ImpactColumns.COHORT_CUSTOMERS, BIGINT, false, CUSTOMERS, "customers acquired in the cohort")
            .column(ImpactColumns.OBSERVED, BOOLEAN, false, "", "false: projection only")
            .column(ImpactColumns.CUSTOMERS_ACTIVE, BIGINT, true, CUSTOMERS, "active at the quarter end (reactivated "
                    + "customers count again)")
            .column(ImpactColumns.CUSTOMERS_PURCHASING, BIGINT, true, CUSTOMERS, "with a purchase day in the quarter")
            .column(ImpactColumns.CUSTOMERS_SURVIVING, BIGINT, true, CUSTOMERS, "never yet departed: what the sBG is "
                    + "fitted on")
            .column(ImpactColumns.REVENUE, MONEY, true, CURRENCY, "the cohort's net revenue in the quarter")
            .column(ImpactColumns.RETENTION, DOUBLE, true, SHARE, "customers_active / cohort_customers")
            .column(ImpactColumns.PROJECTED_SURVIVORS, DOUBLE, true, CUSTOMERS, "sBG projection")
            .column(ImpactColumns.PROJECTED_RETENTION, DOUBLE, true, SHARE, "sBG projection / cohort_customers")
            .column(ImpactColumns.SBG_ALPHA, DOUBLE, true, "", "sBG alpha; null when not identified")
            .column(ImpactColumns.SBG_BETA, DOUBLE, true, "", "sBG beta; null when not identified")
            .column(ImpactColumns.NOTE, STRING, true, "", "how the cohort was projected, or why not")
            .asOf();

    public static final TableDoc SEGMENT_RISK = TableDoc.report(Tables.SEGMENT_RISK,
                    "as-of quarter, one row per segment of each dimension")
            .column(ImpactColumns.DIMENSION, STRING, false, "", "`rfm_segment`, `cluster_name`, `country`, `channel`")
            .column(ImpactColumns.SEGMENT, STRING, false, "", "the segment; `(none)` when unknown")
            .column(ImpactColumns.CUSTOMERS_START, BIGINT, false, CUSTOMERS, "active at the start, by the segment at "
                    + "the start of the quarter")
            .column(ImpactColumns.CUSTOMERS_DEPARTED, BIGINT, false, CUSTOMERS, "of those, departed")
            .column(ImpactColumns.CHURN_RATE, DOUBLE, true, SHARE, "departed / start")
            .column(ImpactColumns.REVENUE_LOST, MONEY, false, CURRENCY, "annual value of the departed")
            .column(ImpactColumns.CUSTOMERS_SCORED, BIGINT, false, CUSTOMERS, "in customer_scores as of T, by the "
                    + "segment there")
            .column(ImpactColumns.REVENUE_AT_RISK, DOUBLE, true, MODEL_CURRENCY, "null when scores are missing")
            .column(ImpactColumns.SEGMENTS_AS_OF, DATE, true, "", "the customer_segments snapshot used for the start "
                    + "of the quarter (the previous quarter end's when published, else T's)")
            .column(ImpactColumns.NOTE, STRING, true, "", "which segments snapshot, or why a figure is null")
            .asOf();

    public static final TableDoc MODEL_DRIFT = TableDoc.report(Tables.MODEL_DRIFT,
                    "one row per compared item of this snapshot against the previous published one; each part "
                            + "against the latest as_of before T at which its input table is published")
            .column(DriftColumns.PART, STRING, false, "", "`btyd` (clv_params), `features` (customer_features), "
                    + "`model` (model_metrics), `segments` (customer_segments)")
            .column(DriftColumns.KIND, STRING, false, "", "`parameter`, `psi`, `metric`, `champion`, `transition`, "
                    + "`share`, `note`")
            .column(DriftColumns.PREVIOUS_AS_OF, DATE, true, "", "the snapshot compared with; null on a note row saying "
                    + "there is none")
            .column(DriftColumns.GROUPING, STRING, true, "", "btyd: the model; model: the scorer; segments: `rfm` or "
                    + "`cluster`")
            .column(DriftColumns.NAME, STRING, true, "", "parameter, feature, metric (model_metrics names) or segment")
            .column(DriftColumns.FROM_LABEL, STRING, true, "", "transition: RFM segment or cluster name then, `(new)` "
                    + "for customers new since; champion: the champion scorer then")
            .column(DriftColumns.TO_LABEL, STRING, true, "", "transition: segment or cluster now, `(gone)` for "
                    + "customers no longer in the table; champion: the champion now")
            .column(DriftColumns.VALUE_THEN, DOUBLE, true, "per kind", "parameter or metric then; psi: the feature's "
                    + "mean then; share: the segment's share of customers then")
            .column(DriftColumns.VALUE_NOW, DOUBLE, true, "per kind", "the same now")
            .column(DriftColumns.CHANGE, DOUBLE, true, "per kind", "value_now - value_then")
            .column(DriftColumns.STD_ERROR_THEN, DOUBLE, true, "per parameter", "parameter: its standard error then; "
                    + "null when the fit gave none (a boundary fit)")
            .column(DriftColumns.STD_ERROR_NOW, DOUBLE, true, "per parameter", "the same now")
            .column(DriftColumns.Z_SCORE, DOUBLE, true, "standard errors", "change / sqrt(std_error_then² + "
                    + "std_error_now²); flagged when |z| > drift.se-multiple")
            .column(DriftColumns.PSI, DOUBLE, true, "index", "population stability index Σ (a - e) ln(a / e)")
            .column(DriftColumns.CUSTOMERS, BIGINT, true, CUSTOMERS, "transition: customers in the cell; psi and "
                    + "share: customers now")
            .column(DriftColumns.REVENUE_THEN, MONEY, true, CURRENCY, "transition: the customers' monetary_total as of "
                    + "the previous snapshot (null for `(new)`)")
            .column(DriftColumns.REVENUE_BETWEEN, MONEY, true, CURRENCY, "transition: monetary_total now minus then "
                    + "(then 0 for `(new)`): the customers' net revenue between the two snapshots; null for `(gone)`")
            .column(DriftColumns.LEVEL, STRING, true, "", "psi: `stable` (< drift.psi-moderate), `moderate`, `major` "
                    + "(> drift.psi-major); others: `stable` or `moved`; null on transitions and notes")
            .column(DriftColumns.FLAGGED, BOOLEAN, false, "", "moved beyond its drift.* threshold (the management "
                    + "report lists these)")
            .column(DriftColumns.NOTE, STRING, true, "", "why a value is missing, which epsilon was used, or why a "
                    + "part has no previous snapshot")
            .asOf()
            .note("PSI bins: the previous snapshot's quantiles (drift.psi-bins, deciles by default; tied edges merge, "
                    + "so a constant feature has one bin) plus a bin for nulls; a bin empty in one snapshot gets the "
                    + "share drift.psi-epsilon (0.0001), both distributions renormalised; bins empty in both are left out.")
            .note("Segments: customers are matched on customer_id; clusters are refitted each snapshot, so a cluster "
                    + "transition compares the names of two fits. `share` rows: a segment's share of customers then and "
                    + "now, flagged when it changed by more than drift.segment-share-change.");
    public static final TableDoc CHURN_SENSITIVITY = TableDoc.report(Tables.CHURN_SENSITIVITY,
                    "as-of quarter, one row per churn definition and segment (`all`/`all` = the total)")
            .column(SensitivityColumns.QUARTER, STRING, false, "", "the as-of quarter `YYYY-Qn`")
            .column(SensitivityColumns.DEFINITION, STRING, false, "", "`inactive 180 days`, `P(alive) < 0.5`")
            .column(SensitivityColumns.BASIS, STRING, false, "", "`inactivity`: active at d = last purchase at most "
                    + "threshold days before d, departed = active at the quarter start and not at T; `p_alive`: active "
                    + "at the start by the headline threshold and P(alive) as of T (customer_value) below the cut-off")
            .column(SensitivityColumns.THRESHOLD, DOUBLE, false, "days or probability", "impact.sensitivity."
                    + "inactivity-days (plus churn.inactivity-days) or impact.sensitivity.p-alive-cutoffs")
            .column(SensitivityColumns.HEADLINE, BOOLEAN, false, "", "the run's own definition (churn.inactivity-days): "
                    + "its total row equals churn_impact's as-of quarter")
            .column(SensitivityColumns.DIMENSION, STRING, false, "", "`all`, `rfm_segment`, `cluster_name`")
            .column(SensitivityColumns.SEGMENT, STRING, false, "", "the segment at the start of the quarter (as "
                    + "segment_risk); `(none)` when unknown; `all` on the total row")
            .column(SensitivityColumns.CUSTOMERS_START, BIGINT, false, CUSTOMERS, "active at the start of the quarter")
            .column(SensitivityColumns.CUSTOMERS_DEPARTED, BIGINT, true, CUSTOMERS, "of those, departed; null for "
                    + "`p_alive` without customer_value")
            .column(SensitivityColumns.CHURN_RATE, DOUBLE, true, SHARE, "departed / start")
            .column(SensitivityColumns.REVENUE_LOST, MONEY, true, CURRENCY, "annual value of the departed (as "
                    + "churn_impact)")
            .column(SensitivityColumns.CHURN_RATE_RANK, INT, true, "rank", "1 = highest churn rate of the dimension "
                    + "under this definition; ties share a rank; null on total rows, for `(none)` and without a rate")
            .column(SensitivityColumns.SEGMENTS_AS_OF, DATE, true, "", "the customer_segments snapshot used (as "
                    + "segment_risk); null on total rows")
            .column(SensitivityColumns.NOTE, STRING, true, "", "why a figure is null or limited")
            .asOf();

    public static final TableDoc REVENUE_LOST_BRIDGE = TableDoc.report(Tables.REVENUE_LOST_BRIDGE,
                    "one row per segment of each dimension and one total row per dimension (segment `all`): the "
                    + "change in revenue lost from the previous quarter to the as-of quarter")
            .column(BridgeColumns.DIMENSION, STRING, false, "", "`rfm_segment`, `cluster_name` (customer_segments at "
                    + "both quarter starts), else `country`, `channel` (customer_features as of T), else `all`")
            .column(BridgeColumns.SEGMENT, STRING, false, "", "the segment at the start of each quarter; `(none)` "
                    + "when unknown; `all` on the total row")
            .column(BridgeColumns.SEGMENTATION, STRING, false, "", "which segmentation was used, and why")
            .column(BridgeColumns.PREVIOUS_QUARTER, STRING, true, "", "`YYYY-Qn`; null when the data have no earlier "
                    + "quarter")
            .column(BridgeColumns.QUARTER, STRING, false, "", "the as-of quarter")
            .column(BridgeColumns.DEPARTED_PREVIOUS, BIGINT, true, CUSTOMERS, "departures in the previous quarter "
                    + "(inactivity rule)")
            .column(BridgeColumns.DEPARTED_CURRENT, BIGINT, false, CUSTOMERS, "departures in the as-of quarter")
            .column(BridgeColumns.DEPARTED_SHARE_PREVIOUS, DOUBLE, true, SHARE, "the segment's share of the "
                    + "quarter's departures (the mix); null when nobody departed")
            .column(BridgeColumns.DEPARTED_SHARE_CURRENT, DOUBLE, true, SHARE, "the same in the as-of quarter")
            .column(BridgeColumns.VALUE_PER_DEPARTED_PREVIOUS, DOUBLE, true, "currency per customer", "revenue lost / "
                    + "departed; null when nobody departed")
            .column(BridgeColumns.VALUE_PER_DEPARTED_CURRENT, DOUBLE, true, "currency per customer", "the same in "
                    + "the as-of quarter")
            .column(BridgeColumns.REVENUE_LOST_PREVIOUS, MONEY, true, CURRENCY, "annual value of the previous "
                    + "quarter's departed (churn_impact's revenue_lost on the total row)")
            .column(BridgeColumns.REVENUE_LOST_CURRENT, MONEY, false, CURRENCY, "the same in the as-of quarter")
            .column(BridgeColumns.REVENUE_LOST_CHANGE, MONEY, true, CURRENCY, "current - previous = volume + mix + "
                    + "value, exactly")
            .column(BridgeColumns.VOLUME_EFFECT, MONEY, true, CURRENCY, "the part due to more or fewer departures")
            .column(BridgeColumns.MIX_EFFECT, MONEY, true, CURRENCY, "the part due to which segments they came from")
            .column(BridgeColumns.VALUE_EFFECT, MONEY, true, CURRENCY, "the part due to the value per departed "
                    + "customer within each segment")
            .column(BridgeColumns.ROUNDING_CENTS, BIGINT, true, "cents", "cents added to (or taken from) the effects "
                    + "so that they add up after rounding each to the cent (largest remainder)")
            .column(BridgeColumns.NOTE, STRING, true, "", "how the parts were computed, or why they are null")
            .note("Per segment s, revenue lost = N x m_s x v_s (N departures in all, m_s the segment's share, v_s its "
                    + "value per departed); the change is split between the three factors by their Shapley values "
                    + "(the average over the six orders of changing them), computed exactly and each rounded to the "
                    + "cent, with the cents left over given to the effects whose rounding moved them most (ties: volume, mix, value); the "
                    + "total row sums the segment rows. A segment without departures in one quarter takes its value "
                    + "per departed from the other; a quarter without departures takes the other's mix.")
            .asOf();

    public static final TableDoc KEY_FIGURES = TableDoc.at("management/key_figures.csv",
                    "management/YYYY-Qn/key_figures.csv (beside report.html)",
                    "one row per headline figure of the quarter's management report (CSV with a header)")
            .column("quarter", STRING, false, "", "`YYYY-Qn`")
            .column("metric", STRING, false, "", "the churn_impact column the figure comes from")
            .column("label", STRING, false, "", "the figure in words")
            .column("unit", STRING, false, "", "`customers`, `money`, `share` or `ratio`")
            .column("basis", STRING, false, "", "`observed`, `model` or `config`")
            .column("value", DOUBLE, true, "unit", "this quarter; empty = not available")
            .column("previous_quarter", DOUBLE, true, "unit", "the quarter before")
            .column("change_vs_previous_quarter", DOUBLE, true, "relative (shares: points)", "change from the quarter before")
            .column("same_quarter_last_year", DOUBLE, true, "unit", "a year before")
            .column("change_vs_same_quarter_last_year", DOUBLE, true, "relative (shares: points)",
                    "change from the same quarter a year before");

    /** Every published table, in the order of the dictionary. */
    public static final List<TableDoc> TABLES = List.of(TRANSACTIONS, QUARANTINE, DATA_QUALITY, CUSTOMER_FEATURES,
            CUSTOMER_SEGMENTS, SEGMENT_SUMMARY, CLUSTER_K_SELECTION, CLV_PARAMS, CUSTOMER_VALUE, CLV_HOLDOUT,
            MODEL_METRICS, MODEL_CURVES, MODEL_LIFT, MODEL_BACKTEST, CUSTOMER_SCORES, CHURN_MODEL, CHURN_IMPACT, SCENARIOS, COHORT_RETENTION,
            SEGMENT_RISK, CHURN_SENSITIVITY, REVENUE_LOST_BRIDGE, MODEL_DRIFT, KEY_FIGURES);

    private static TableDoc modelMetrics(String name, String rows) {
        return TableDoc.report(name, rows)
                .column(ModelColumns.SCORER, STRING, false, "", "`logistic`, `gbt`, `recency`, `rfm_segment`, `bg_nbd`; "
                        + "`all` for class balance")
                .column(ModelColumns.CHAMPION, BOOLEAN, false, "", "true on every row of the champion")
                .column(ModelColumns.EVALUATION, STRING, false, "", "`holdout`, `validation`, `backtest`; `train` for "
                        + "importance and selection rows")
                .column(ModelColumns.KIND, STRING, false, "", "`metric`, `calibration`, `importance`, `selection`, "
                        + "`class_balance`, `campaign` (README, kinds table)")
                .column(ModelColumns.NAME, STRING, false, "", "metric, feature or parameter name; campaign: "
                        + "`cost_per_contact`, `save_rate`, `customers`, `best_contacts`, `best_contact_share`, "
                        + "`best_expected_profit`, `best_expected_profit_per_customer`, `realised_profit_at_best`, "
                        + "`expected_profit` (the curve)")
                .column(ModelColumns.BIN, INT, true, "", "calibration decile 1-10 (1 = lowest predictions), "
                        + "importance rank, or percent of the ranked holdout contacted (0-100) on the campaign curve; "
                        + "null otherwise")
                .column(ModelColumns.VALUE, DOUBLE, true, "per name", "the value")
                .column(ModelColumns.NOTE, STRING, true, "", "the champion's reason on its holdout roc_auc row")
                .asOf();
    }

    private static String reasonCodes() {
        StringBuilder b = new StringBuilder();
        for (QuarantineReason r : QuarantineReason.values()) {
            if (b.length() > 0) b.append("; ");
            b.append(code(r.name())).append(" ").append(r.meaning);
        }
        return b.toString();
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
