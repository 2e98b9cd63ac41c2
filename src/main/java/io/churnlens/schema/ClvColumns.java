package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * The report tables of the CLV stage: {@code clv_params}, {@code customer_value}, {@code clv_holdout}, and the one
 * extra input column of the holdout check. Times are in the configured {@code time.unit}; money in the reporting
 * currency (doubles here: model outputs are expectations, not booked amounts).
 */
public final class ClvColumns {
    private ClvColumns() {}

    // --- clv_params: one row per model parameter ---
    /**
     * bg_nbd | pareto_nbd | mbg_nbd | gamma_gamma | sbg | nbd (the no-drop-out limit, written when used as fallback)
     * | bg_nbd_covariates, mbg_nbd_covariates, pareto_nbd_covariates (clv.covariates: written whenever the covariate fit was made, used or not).
     */
    public static final String MODEL = "model";
    /**
     * The parameter's name; a covariate model has its base model's (r, alpha, a, b or r, alpha, s, beta: the
     * reference cell's), then one row per
     * coefficient: {@code gamma_trans:<column>=<level>} (purchase rate times exp(gamma)) and
     * {@code gamma_life:<column>=<level>} (b or beta times exp(gamma): gamma > 0 = less drop-out), level {@code (other)} for
     * the bucket of rare levels; the reference level of each column has no row (gamma = 0).
     */
    public static final String PARAMETER = "parameter";
    /** Null unless the fit is identified (the last iterate is then in {@link #NOTE}). */
    public static final String VALUE = "value";
    /** From the inverse observed information; null when not available (see note). */
    public static final String STD_ERROR = "std_error";
    public static final String LOG_LIKELIHOOD = "log_likelihood";
    public static final String CUSTOMERS = "customers";
    /** True exactly when {@link #FIT_STATE} is identified. */
    public static final String CONVERGED = "converged";
    /** Optimiser details: starts tried, evaluations and seconds, the last iterate when not identified. */
    public static final String NOTE = "note";
    /**
     * identified | boundary | failed (io.churnlens.btyd.fit.FitState): identified = an interior maximum that passes the
     * identification checks, the only state with values; boundary = a parameter runs off towards 0 or infinity or
     * the nested no-drop-out NBD explains the data as well (the limit is named in {@link #FIT_NOTE}); failed = no
     * answer (budget exhausted, non-finite likelihood, optimiser error), the reason in {@link #FIT_NOTE}.
     */
    public static final String FIT_STATE = "fit_state";
    /** The verdict in words, and what the pipeline used instead when the state is not identified. */
    public static final String FIT_NOTE = "fit_note";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType PARAMS_SCHEMA = DataDictionary.CLV_PARAMS.fileSchema();

    // --- customer_value: one row per customer of the features table ---
    public static final String CUSTOMER_ID = FeatureColumns.CUSTOMER_ID;
    /** P(alive) at T under the configured purchase model (BG/NBD: exactly 1 when x = 0; MBG/NBD: falls with age). */
    public static final String P_ALIVE = "p_alive";
    /**
     * P(alive) under Pareto/NBD, which decays with T for one-time buyers; 1 when Pareto/NBD is at the no-drop-out
     * boundary (its NBD limit); null when not fitted, failed, or at another boundary.
     */
    public static final String P_ALIVE_PARETO_NBD = "p_alive_pareto_nbd";
    /** Expected purchases (purchase days) in (T, T + clv.horizon-months]. */
    public static final String EXPECTED_PURCHASES = "expected_purchases";
    /** Expected spend per purchase (Gamma-Gamma), see {@link #SPEND_FLAG}. */
    public static final String EXPECTED_SPEND = "expected_spend";
    /** OBSERVED | NO_REPEAT_PURCHASE | NON_POSITIVE_SPEND | SPEND_MODEL_UNAVAILABLE. */
    public static final String SPEND_FLAG = "spend_flag";
    /** Discounted expected margin over the horizon; formula in io.churnlens.clv.ClvCalculator. */
    public static final String CLV = "clv";
    /**
     * The model the values come from: bg_nbd | pareto_nbd | mbg_nbd, or nbd when the fit fell back to the no-drop-out
     * limit. With clv.covariates in use (clv_params has identified *_covariates rows and the run notes say
     * "customer values from bg_nbd_covariates"), the named model is that of the customer's covariate cell.
     */
    public static final String PURCHASE_MODEL = "purchase_model";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType CUSTOMER_VALUE_SCHEMA = DataDictionary.CUSTOMER_VALUE.fileSchema();

    // --- clv_holdout: predicted vs actual purchases in the holdout window ---
    /** Input of the holdout check: purchase days of the customer in (T_cal, T_cal + holdout]. */
    public static final String X_HOLDOUT = "x_holdout";
    /** "0" .. "6", "7+" (calibration x), then "total". */
    public static final String FREQUENCY_BUCKET = "frequency_bucket";
    public static final String ACTUAL_PURCHASES = "actual_purchases";
    public static final String PREDICTED_PURCHASES = "predicted_purchases";
    public static final String ACTUAL_MEAN = "actual_mean";
    public static final String PREDICTED_MEAN = "predicted_mean";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType HOLDOUT_SCHEMA = DataDictionary.CLV_HOLDOUT.fileSchema();
}
