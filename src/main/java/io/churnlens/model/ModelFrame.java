package io.churnlens.model;

/** Working column names of the model stage; never written to a report. */
final class ModelFrame {
    private ModelFrame() {}

    /** A scorer's uncalibrated score, on a log-odds-like scale: higher = more likely to churn. */
    static final String RAW_SCORE = "_raw_score";
    /** train | validation | holdout. */
    static final String SPLIT = "_split";
    /** Class weight of a training row. */
    static final String WEIGHT = "_weight";
    /** The top three reasons joined by {@link #REASON_SEPARATOR} before they are split into columns. */
    static final String REASONS = "_reasons";
    static final String REASON_SEPARATOR = "|";

    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    static final String HOLDOUT = "holdout";
}
