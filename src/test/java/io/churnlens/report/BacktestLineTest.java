package io.churnlens.report;

import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.ModelColumns;
import io.churnlens.schema.Tables;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's back-test sentence from the judged champion's rows of model_backtest. */
class BacktestLineTest extends SparkTestBase {
    private static final StructType SCHEMA = new StructType().add(ModelColumns.SCORER, DataTypes.StringType)
            .add(ModelColumns.NAME, DataTypes.StringType).add(ModelColumns.VALUE, DataTypes.DoubleType)
            .add(BacktestColumns.MODEL_AS_OF, DataTypes.DateType).add(BacktestColumns.JUDGED_MODEL, DataTypes.StringType)
            .add(BacktestColumns.JUDGED_WINDOW, DataTypes.StringType).add(Tables.AS_OF, DataTypes.DateType);

    @Test
    void storedModelOfLastQuarter() {
        // 400 judged, 100 churned (25.0%); mean prediction 0.25 + 0.03 = 28.0%
        String s = BacktestLine.sentence(rows("stored", 0.8123, 0.03, 400, 100)).orElseThrow();
        assertThat(s).isEqualTo("The churn model trained a quarter ago (as of 2026-06-30, gbt) ranked this quarter's "
                + "departures with ROC AUC 0.81 (0.5 is chance, 1 a perfect ranking): of the 400 customers who had "
                + "bought by 2026-06-30 it expected 28.0% to make no purchase in (2026-06-30, 2026-09-28], and 25.0% "
                + "made none.");
    }

    @Test
    void retrainedSaysSoAndNoRowsNoSentence() {
        assertThat(BacktestLine.sentence(rows("retrained", 0.7, -0.01, 10, 5)).orElseThrow())
                .startsWith("No churn model was published a quarter ago; one retrained as of 2026-06-30 (gbt)");
        assertThat(BacktestLine.sentence(List.of())).isEmpty();
    }

    private static List<Row> rows(String judged, double auc, double citl, double customers, double churners) {
        List<Row> rows = new ArrayList<>();
        Object[][] metrics = {{"roc_auc", auc}, {BacktestColumns.CALIBRATION_IN_THE_LARGE, citl},
                {"customers", customers}, {"churners", churners}};
        for (Object[] m : metrics) {
            rows.add(RowFactory.create("gbt", m[0], m[1], Date.valueOf("2026-06-30"), judged,
                    "(2026-06-30, 2026-09-28]", Date.valueOf("2026-09-30")));
        }
        return spark.createDataFrame(rows, SCHEMA).collectAsList();
    }
}
