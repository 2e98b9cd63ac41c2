package io.churnlens.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The report tables of the impact stage: {@code churn_impact}, {@code scenarios}, {@code cohort_retention} and
 * {@code segment_risk}. Observed money (from transactions) is decimal(18,2); model-based money (expectations) is
 * double, as in ClvColumns. Every column is described in DataDictionary (and DATA_DICTIONARY.md, generated from it).
 */
public final class ImpactColumns {
    private ImpactColumns() {}

    public static final DataType MONEY = DataTypes.createDecimalType(18, 2);

    // --- churn_impact: one row per quarter up to T ---
    /** {@code 2026-Q3}. */
    public static final String QUARTER = "quarter";
    public static final String QUARTER_START = "quarter_start";
    /** The quarter's last day, or T when T falls inside the quarter. */
    public static final String QUARTER_END = "quarter_end";
    /** Active (inactivity rule) at the end of the previous quarter. */
    public static final String CUSTOMERS_START = "customers_start";
    /** First purchase in the quarter. */
    public static final String CUSTOMERS_NEW = "customers_new";
    /** Inactive at the start, active again at the end (not new). */
    public static final String CUSTOMERS_REACTIVATED = "customers_reactivated";
    /** Observed departures: active at the start, no longer active at the end. */
    public static final String CUSTOMERS_DEPARTED = "customers_departed";
    public static final String CUSTOMERS_END = "customers_end";
    /** departed / start. */
    public static final String CHURN_RATE = "churn_rate";
    public static final String RETENTION_RATE = "retention_rate";
    /** Sum of the departed customers' annual value (net revenue in the 365 days up to their last purchase). */
    public static final String REVENUE_LOST = "revenue_lost";
    /** Net revenue of all customers in the four quarters ending with this one. */
    public static final String ANNUAL_REVENUE = "annual_revenue";
    public static final String REVENUE_LOST_SHARE = "revenue_lost_share";
    /** The customers active a year earlier, their revenue in the year before then and in the last year. */
    public static final String YEAR_AGO_CUSTOMERS = "year_ago_customers";
    public static final String YEAR_AGO_REVENUE_BEFORE = "year_ago_revenue_before";
    public static final String YEAR_AGO_REVENUE_NOW = "year_ago_revenue_now";
    /** Share of year_ago_revenue_before that came from those of them no longer active now. */
    public static final String REVENUE_CHURN_RATE = "revenue_churn_rate";
    /** year_ago_revenue_now / year_ago_revenue_before. */
    public static final String NET_REVENUE_RETENTION = "net_revenue_retention";
    /** Model-based drop-outs: expected customers who dropped out during the quarter, P(alive) at start and end. */
    public static final String MODEL_EXPECTED_DROPOUTS = "model_expected_dropouts";
    public static final String MODEL_DROPOUT_REVENUE = "model_dropout_revenue";
    /** The departed customers' CLV had they stayed (CLV / P(alive) as of T). */
    public static final String CLV_LOST = "clv_lost";
    /** Sum of churn_probability x expected_revenue_12m over customer_scores; null when scores are absent. */
    public static final String REVENUE_AT_RISK = "revenue_at_risk";
    public static final String REVENUE_AT_RISK_TOP_SEGMENT = "revenue_at_risk_top_segment";
    public static final String REVENUE_AT_RISK_TOP_SEGMENT_SHARE = "revenue_at_risk_top_segment_share";
    /** Share of the revenue at risk carried by the 10% of scored customers with the most at risk. */
    public static final String REVENUE_AT_RISK_TOP_DECILE_SHARE = "revenue_at_risk_top_decile_share";
    /** Economics: spend from config; null when not given (never 0). */
    public static final String MARKETING_SPEND = "marketing_spend";
    public static final String ACQUISITION_COST = "acquisition_cost_per_customer";
    public static final String COST_TO_REPLACE_DEPARTED = "cost_to_replace_departed";
    /** Mean CLV of the quarter's new customers / acquisition cost. */
    public static final String VALUE_TO_ACQUISITION_COST = "value_to_acquisition_cost";
    /** Why a column is null, and which figures rest on assumptions. */
    public static final String NOTE = "note";

    // Intervals (README, *Intervals*), as-of quarter row only: <figure>_lo90 / <figure>_hi90 = the 90% customer
    // bootstrap interval; <figure>_param_lo90 / _param_hi90 = BG/NBD parameter uncertainty; <figure>_pred_lo90 /
    // _pred_hi90 = prediction interval of the realised total (drop-out draws + parameter draws).
    public static final String CHURN_RATE_LO90 = "churn_rate_lo90";
    public static final String CHURN_RATE_HI90 = "churn_rate_hi90";
    public static final String REVENUE_LOST_LO90 = "revenue_lost_lo90";
    public static final String REVENUE_LOST_HI90 = "revenue_lost_hi90";
    public static final String MODEL_EXPECTED_DROPOUTS_LO90 = "model_expected_dropouts_lo90";
    public static final String MODEL_EXPECTED_DROPOUTS_HI90 = "model_expected_dropouts_hi90";
    public static final String MODEL_DROPOUT_REVENUE_LO90 = "model_dropout_revenue_lo90";
    public static final String MODEL_DROPOUT_REVENUE_HI90 = "model_dropout_revenue_hi90";
    public static final String CLV_LOST_LO90 = "clv_lost_lo90";
    public static final String CLV_LOST_HI90 = "clv_lost_hi90";
    public static final String REVENUE_AT_RISK_LO90 = "revenue_at_risk_lo90";
    public static final String REVENUE_AT_RISK_HI90 = "revenue_at_risk_hi90";
    public static final String MODEL_EXPECTED_DROPOUTS_PARAM_LO90 = "model_expected_dropouts_param_lo90";
    public static final String MODEL_EXPECTED_DROPOUTS_PARAM_HI90 = "model_expected_dropouts_param_hi90";
    public static final String MODEL_DROPOUT_REVENUE_PARAM_LO90 = "model_dropout_revenue_param_lo90";
    public static final String MODEL_DROPOUT_REVENUE_PARAM_HI90 = "model_dropout_revenue_param_hi90";
    public static final String MODEL_EXPECTED_DROPOUTS_PRED_LO90 = "model_expected_dropouts_pred_lo90";
    public static final String MODEL_EXPECTED_DROPOUTS_PRED_HI90 = "model_expected_dropouts_pred_hi90";
    public static final String MODEL_DROPOUT_REVENUE_PRED_LO90 = "model_dropout_revenue_pred_lo90";
    public static final String MODEL_DROPOUT_REVENUE_PRED_HI90 = "model_dropout_revenue_pred_hi90";
    /** Customer bootstrap replicates behind the _lo90/_hi90 columns (impact.bootstrap.replicates); null when off. */
    public static final String BOOTSTRAP_REPLICATES = "bootstrap_replicates";
    /** Parameter draws behind the _param_ and _pred_ columns (impact.bootstrap.parameter-draws); null when none. */
    public static final String PARAMETER_DRAWS = "parameter_draws";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType CHURN_IMPACT_SCHEMA = DataDictionary.CHURN_IMPACT.fileSchema();

    // --- scenarios: one row per churn reduction ---
    /** e.g. "-2 pp" or "-20%". */
    public static final String SCENARIO = "scenario";
    public static final String CHURN_REDUCTION_PP = "churn_reduction_pp";
    public static final String BASELINE_CHURN_RATE = "baseline_churn_rate";
    public static final String SCENARIO_CHURN_RATE = "scenario_churn_rate";
    public static final String CUSTOMERS_KEPT = "customers_kept";
    public static final String REVENUE_KEPT_THIS_YEAR = "revenue_kept_this_year";
    public static final String HORIZON_QUARTERS = "horizon_quarters";
    public static final String BASE_VALUE_BASELINE = "base_value_baseline";
    public static final String BASE_VALUE_SCENARIO = "base_value_scenario";
    public static final String BASE_VALUE_EFFECT = "base_value_effect";
    /** 1 + word-of-mouth + referral customers per customer kept (exactly 1 when both are off). */
    public static final String ASSUMPTION_MULTIPLIER = "assumption_multiplier";
    public static final String ASSUMPTIONS = "assumptions";

    /** The scenario effects' 90% customer bootstrap intervals (each replicate's scenario recomputed). */
    public static final String CUSTOMERS_KEPT_LO90 = "customers_kept_lo90";
    public static final String CUSTOMERS_KEPT_HI90 = "customers_kept_hi90";
    public static final String REVENUE_KEPT_THIS_YEAR_LO90 = "revenue_kept_this_year_lo90";
    public static final String REVENUE_KEPT_THIS_YEAR_HI90 = "revenue_kept_this_year_hi90";
    public static final String BASE_VALUE_EFFECT_LO90 = "base_value_effect_lo90";
    public static final String BASE_VALUE_EFFECT_HI90 = "base_value_effect_hi90";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCENARIOS_SCHEMA = DataDictionary.SCENARIOS.fileSchema();

    // --- cohort_retention: acquisition quarter x quarters since ---
    public static final String COHORT = "cohort";
    public static final String QUARTERS_SINCE = "quarters_since";
    public static final String COHORT_CUSTOMERS = "cohort_customers";
    /** false for projected rows (beyond the last observed quarter). */
    public static final String OBSERVED = "observed";
    /** Active (inactivity rule) at the quarter's end; reactivated customers count again. */
    public static final String CUSTOMERS_ACTIVE = "customers_active";
    /** With a purchase day in the quarter. */
    public static final String CUSTOMERS_PURCHASING = "customers_purchasing";
    /** Never yet departed by the quarter's end: the survivors the sBG is fitted on. */
    public static final String CUSTOMERS_SURVIVING = "customers_surviving";
    public static final String REVENUE = "revenue";
    /** customers_active / cohort_customers. */
    public static final String RETENTION = "retention";
    public static final String PROJECTED_SURVIVORS = "projected_survivors";
    public static final String PROJECTED_RETENTION = "projected_retention";
    public static final String SBG_ALPHA = "sbg_alpha";
    public static final String SBG_BETA = "sbg_beta";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType COHORT_SCHEMA = DataDictionary.COHORT_RETENTION.fileSchema();

    // --- segment_risk: one row per segment of each grouping ---
    /** rfm_segment | cluster_name | country | channel. */
    public static final String DIMENSION = "dimension";
    public static final String SEGMENT = "segment";
    public static final String CUSTOMERS_SCORED = "customers_scored";
    /** The as_of of the customer_segments snapshot the RFM and cluster membership came from. */
    public static final String SEGMENTS_AS_OF = "segments_as_of";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SEGMENT_RISK_SCHEMA = DataDictionary.SEGMENT_RISK.fileSchema();
}
