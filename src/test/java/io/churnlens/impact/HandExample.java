package io.churnlens.impact;

import io.churnlens.config.ConfigLoader;
import io.churnlens.config.ImpactSettings;
import io.churnlens.features.TestTransactions;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Six customers over five quarters (2024-Q3 .. 2025-Q3, T = 2025-09-30), inactivity threshold 90 days, computed by
 * hand in {@code ImpactFiguresTest}. Active at a quarter end E means last purchase >= E - 90 days.
 *
 * <pre>
 *   A  2024-07-10 100, 2024-11-01 50, 2025-05-01 200, 2025-08-15 300   stays, reactivated in 2025-Q2
 *   B  2024-08-01 80, 2025-01-10 120, 2025-04-20 60                     departs in 2025-Q3 (annual value 260)
 *   C  2025-05-15 40, return 2025-05-20 10                              new in Q2, departs in Q3 (annual value 40)
 *   D  2025-08-01 500                                                   new in 2025-Q3
  *   E  2024-07-03 1000                                                  departs in 2024-Q4
 *   F  2024-09-01 70, 2025-08-20 30                                     reactivated in 2025-Q3
 * </pre>
 */
final class HandExample {
    static final LocalDate T = LocalDate.parse("2025-09-30");
    static final int INACTIVITY_DAYS = 90;

    private HandExample() {}

    static Dataset<Row> transactions(SparkSession spark) {
        return new TestTransactions()
                .buy("A", "2024-07-10", "100").buy("A", "2024-11-01", "50").buy("A", "2025-05-01", "200").buy("A", "2025-08-15", "300")
                .buy("B", "2024-08-01", "80").buy("B", "2025-01-10", "120").buy("B", "2025-04-20", "60")
                .buy("C", "2025-05-15", "40").giveBack("C", "2025-05-20", "10")
                .buy("D", "2025-08-01", "500")
                .buy("E", "2024-07-03", "1000")
                .buy("F", "2024-09-01", "70").buy("F", "2025-08-20", "30")
                .buy("G", "2025-10-05", "999") // after T: must not count anywhere
                .toDataset(spark);
    }

    /** customer_value as of T: P(alive) and CLV chosen for easy sums. */
    static Dataset<Row> customerValue(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        rows.add(value("A", 0.9, 100.0));
        rows.add(value("B", 0.1, 5.0));
        rows.add(value("C", 0.2, 10.0));
        rows.add(value("D", 1.0, 300.0));
        rows.add(value("E", 0.05, 1.0));
        rows.add(value("F", 0.5, 20.0));
        return spark.createDataFrame(rows, ClvColumns.CUSTOMER_VALUE_SCHEMA);
    }

    private static Row value(String id, double pAlive, double clv) {
        return RowFactory.create(id, pAlive, null, 1.0, 10.0, "OBSERVED", clv, "bg_nbd");
    }

    /** customer_scores as of T for the three active customers: revenue at risk 200 + 200 + 90 = 490. */
    static Dataset<Row> scores(SparkSession spark) {
        return spark.createDataFrame(List.of(
                score("A", 0.2, 1000.0, "Champions", "Big spenders"),
                score("D", 0.5, 400.0, "New", "Big spenders"),
                score("F", 0.9, 100.0, "At risk", "Occasional")), ScoreColumns.SCHEMA);
    }

    /** Scores whose expected revenue is missing (the CLV fit did not converge). */
    static Dataset<Row> scoresWithoutRevenue(SparkSession spark) {
        return spark.createDataFrame(List.of(score("A", 0.2, null, "Champions", "Big spenders")), ScoreColumns.SCHEMA);
    }

    private static Row score(String id, double p, Double revenue, String segment, String cluster) {
        return RowFactory.create(id, p, p > 0.5 ? "high" : "low", null, null, null, "test", segment, cluster, null, null,
                null, null, revenue);
    }

    /** customer_segments as of the previous quarter end (2025-06-30): who was where at the start of the quarter. */
    static Dataset<Row> segmentsAtStart(SparkSession spark) {
        StructType schema = new StructType().add(SegmentColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(SegmentColumns.RFM_SEGMENT, DataTypes.StringType).add(SegmentColumns.CLUSTER_NAME, DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create("A", "Loyal", "Big spenders"),
                RowFactory.create("B", "Loyal", "Occasional"), RowFactory.create("C", "New", "Occasional"),
                RowFactory.create("E", "Lost", "Occasional"), RowFactory.create("F", "Lost", "Occasional")), schema);
    }

    static ImpactSettings settings(String... overrides) {
        List<String> o = new ArrayList<>(List.of("impact.cohort-min-customers=1"));
        o.addAll(List.of(overrides));
        return ConfigLoader.load(null, o).impact();
    }

    static ImpactAnalysis.Result run(SparkSession spark, ImpactSettings settings, boolean withModels) {
        return run(spark, settings, withModels ? Optional.of(customerValue(spark)) : Optional.empty(),
                withModels ? Optional.of(scores(spark)) : Optional.empty());
    }

    static ImpactAnalysis.Result run(SparkSession spark, ImpactSettings settings, Optional<Dataset<Row>> customerValue,
                                  Optional<Dataset<Row>> scores) {
        ImpactAnalysis.Inputs inputs = new ImpactAnalysis.Inputs(transactions(spark), customerValue, scores,
                Optional.of(segmentsAtStart(spark)), LocalDate.parse("2025-06-30"), Optional.empty(), Optional.empty());
        return new ImpactAnalysis(settings, INACTIVITY_DAYS, 0.0).run(inputs, T);
    }
}
