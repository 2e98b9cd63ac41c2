package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Messy;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a correct ingest and features stage would compute from the export — drop the rejected messy rows and exact
 * duplicates, normalise float ids, count purchase days up to T — equals the ground truth's observed columns exactly.
 * This is the contract that lets ingest and features be tested against the ground truth later.
 */
class ExportMatchesGroundTruthTest extends SparkTestBase {

    @Test
    void cleanedExportReproducesTheGroundTruthHistory() {
        Simulate settings = TestSettings.simulate("simulate.customers=3000", "simulate.seed=3");
        SimulationResult result = Simulation.run(spark, settings);
        Dataset<Row> rejected = result.messyRows()
                .where(col(Messy.KIND).isin(Arrays.stream(MessyKind.values()).filter(MessyKind::rejectedByIngest)
                        .map(Enum::name).toArray()))
                .select(Messy.TRANSACTION_ID);
        Dataset<Row> accepted = result.transactions()
                .join(rejected, result.transactions().col(Raw.TRANSACTION_ID).equalTo(rejected.col(Messy.TRANSACTION_ID)), "left_anti")
                .dropDuplicates()
                .selectExpr("regexp_replace(" + Raw.CUSTOMER_ID + ", '\\\\.0$', '') AS cid",
                        "to_date(to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "')) AS day",
                        "CAST(" + Raw.AMOUNT + " AS DECIMAL(18,2)) AS amount");
        String asOf = "DATE'" + settings.truthAsOf() + "'";
        Dataset<Row> fromExport = accepted.groupBy("cid").agg(
                expr("count_if(amount > 0)").cast("int").as("export_purchases"),
                expr("count_if(amount < 0)").cast("int").as("export_returns"),
                expr("min(CASE WHEN amount > 0 THEN day END)").as("export_first_day"),
                expr("nullif(count(DISTINCT CASE WHEN amount > 0 AND day <= " + asOf + " THEN day END), 0) - 1").cast("int").as("x_export"),
                expr("datediff(max(CASE WHEN amount > 0 AND day <= " + asOf + " THEN day END), "
                        + "min(CASE WHEN amount > 0 THEN day END)) / 7.0D").as("t_x_export"),
                expr("datediff(" + asOf + ", min(CASE WHEN amount > 0 THEN day END)) / 7.0D").as("t_cal_export"));

        Dataset<Row> truth = result.groundTruth();
        Dataset<Row> joined = truth.join(fromExport, truth.col(Truth.CUSTOMER_ID).equalTo(fromExport.col("cid")), "full_outer");
        assertThat(joined.count()).isEqualTo(settings.customers());
        long mismatches = joined.where("cid IS NULL OR " + Truth.CUSTOMER_ID + " IS NULL"
                + " OR export_purchases <> " + Truth.PURCHASES + " OR export_returns <> " + Truth.RETURNS
                + " OR export_first_day <> " + Truth.ACQUISITION_DATE
                + " OR NOT (x_export <=> " + Truth.X + ")"
                + " OR abs(t_x_export - " + Truth.T_X_WEEKS + ") > 1e-9"
                + " OR (" + Truth.T_CAL_WEEKS + " IS NOT NULL AND abs(t_cal_export - " + Truth.T_CAL_WEEKS + ") > 1e-9)").count();
        assertThat(mismatches).isZero();
        assertThat(truth.where(Truth.X + " IS NULL").count())
                .as("customers acquired after T have no as-of history")
                .isEqualTo(truth.where(Truth.ACQUISITION_DATE + " > " + asOf).count());
    }
}
