package io.churnlens.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code model_backtest}: the {@link ModelColumns} of {@code model_metrics}, then which model was judged on which
 * window. One value per row as there; the metric {@link #CALIBRATION_IN_THE_LARGE} is added to each scorer's metrics.
 */
public final class BacktestColumns {
    private BacktestColumns() {}

    /** The snapshot T' the judged model was trained for (it scored the features as of T'). */
    public static final String MODEL_AS_OF = "model_as_of";
    /** {@link #JUDGED_STORED}, {@link #JUDGED_RETRAINED} or {@link #JUDGED_COMPARISON}. */
    public static final String JUDGED_MODEL = "judged_model";
    /** The window the judged model was trained on: {@code recent} or {@code year-ago} (model.training-window). */
    public static final String TRAINING_WINDOW = "training_window";
    /** The outcome window judged, as {@code (T', T'+H]}. */
    public static final String JUDGED_WINDOW = "judged_window";

    /** The model published under models/churn/as_of=T' was loaded and judged. */
    public static final String JUDGED_STORED = "stored";
    /** No earlier model was published: the back-test trained one for T−H itself. */
    public static final String JUDGED_RETRAINED = "retrained";
    /** The other training window's model for T', trained only to compare calibration (model.training-window). */
    public static final String JUDGED_COMPARISON = "comparison";
    public static final String WINDOW_RECENT = "recent";
    public static final String WINDOW_YEAR_AGO = "year-ago";
    /** Mean predicted churn probability minus the observed churn rate on the judged customers. */
    public static final String CALIBRATION_IN_THE_LARGE = "calibration_in_the_large";

    /**
     * model_metrics' file columns, then this table's own, in order (DataDictionary.MODEL_BACKTEST's files); a method,
     * not a constant, because DataDictionary calls {@link #describe} while it is initialised.
     */
    public static StructType schema() {
        return DataDictionary.MODEL_BACKTEST.fileSchema();
    }

    /** model_metrics' description for model_backtest with this table's columns added before the as_of partition. */
    static TableDoc describe(TableDoc metrics) {
        List<ColumnDoc> columns = new ArrayList<>(metrics.columns().stream().filter(c -> !c.partition()).toList());
        TableDoc t = new TableDoc(metrics.name(), metrics.location(), metrics.rows(), columns, metrics.notes())
                .column(MODEL_AS_OF, DataTypes.DateType, false, "", "T': the snapshot the judged model was trained "
                        + "for; it scored the features as of T'")
                .column(JUDGED_MODEL, DataTypes.StringType, false, "", "`stored` (the model published at T', the "
                        + "latest as_of with T' + H <= T), `retrained` (none published: trained here for T' = T-H) or "
                        + "`comparison` (the other model.training-window's model for T', trained only to compare)")
                .column(TRAINING_WINDOW, DataTypes.StringType, false, "", "`recent` (features as of T'-H, labels "
                        + "(T'-H, T']) or `year-ago` (features as of T'-365, labels (T'-365, T'-365+H])")
                .column(JUDGED_WINDOW, DataTypes.StringType, false, "", "the outcomes judged: no purchase in "
                        + "(T', T'+H]");
        return t.note("metric `calibration_in_the_large` = mean churn_probability - observed churn rate on the judged "
                + "customers (> 0: the model expected more churn than happened)").asOf();
    }
}
