package io.churnlens.drift;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.TableStore;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.DataDictionary;
import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ModelColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.StageContext;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift stage on two hand-made snapshots published under a temporary root: every part against values worked out
 * by hand (z-scores, PSI bins, transition counts and revenue, share flags), and a first snapshot that has only
 * notes. Inputs hold only the columns the stage reads.
 */
class DriftStageTest extends SparkTestBase {
    private static final LocalDate T1 = LocalDate.of(2026, 6, 30);
    private static final LocalDate T2 = LocalDate.of(2026, 9, 30);

    @TempDir
    static Path root;
    private static TableStore store;
    private static ChurnlensConfig config;
    private static List<Row> first;
    private static List<Row> second;

    @BeforeAll
    static void publishTwoSnapshots() {
        store = new TableStore(spark, new OutputLayout(root.toString()), "test-run");
        config = ConfigLoader.load(null, List.of("drift.psi-bins=5",
                "model.features=[recency_days, purchase_days, spend_trend, days_overdue]"));
        publishFeatures();
        publishSegments();
        publishClvParams();
        publishMetrics();
        first = run(T1);
        second = run(T2);
    }

    @Test
    void aFirstSnapshotHasOneNoteRowPerPartAndNothingFlagged() {
        List<Row> rows = first;
        assertThat(rows).hasSize(4).allSatisfy(r -> {
            assertThat(r.<String>getAs(DriftColumns.KIND)).isEqualTo(DriftColumns.KIND_NOTE);
            assertThat(r.<String>getAs(DriftColumns.NOTE)).contains("no previous snapshot");
            assertThat(r.<Boolean>getAs(DriftColumns.FLAGGED)).isFalse();
        });
        assertThat(rows.stream().map(r -> r.<String>getAs(DriftColumns.PART))).containsExactlyInAnyOrder(
                DriftColumns.PART_BTYD, DriftColumns.PART_FEATURES, DriftColumns.PART_MODEL, DriftColumns.PART_SEGMENTS);
    }

    @Test
    void btydParametersAreJudgedInCombinedStandardErrors() {
        Map<String, Row> p = byName(second, DriftColumns.KIND_PARAMETER);
        // r: 0.5 -> 0.8, se 0.05 both: z = 0.3 / sqrt(0.0025 + 0.0025) = 4.243 > 3
        assertThat(p.get("r").<Double>getAs(DriftColumns.Z_SCORE)).isCloseTo(0.3 / Math.sqrt(0.005), within(1e-9));
        assertThat(p.get("r").<Boolean>getAs(DriftColumns.FLAGGED)).isTrue();
        assertThat(p.get("r").<java.sql.Date>getAs(DriftColumns.PREVIOUS_AS_OF).toLocalDate()).isEqualTo(T1);
        // alpha: 10 -> 11, se 1 both: z = 1 / sqrt(2) = 0.707
        assertThat(p.get("alpha").<Double>getAs(DriftColumns.Z_SCORE)).isCloseTo(1 / Math.sqrt(2), within(1e-9));
        assertThat(p.get("alpha").<Boolean>getAs(DriftColumns.FLAGGED)).isFalse();
        // a: no standard error then (boundary): change shown, not judged
        assertThat(p.get("a").<Double>getAs(DriftColumns.CHANGE)).isCloseTo(0.5, within(1e-12));
        assertThat(p.get("a").<Double>getAs(DriftColumns.Z_SCORE)).isNull();
        assertThat(p.get("a").<Boolean>getAs(DriftColumns.FLAGGED)).isFalse();
        assertThat(p.get("a").<String>getAs(DriftColumns.NOTE)).contains("no standard error then");
    }

    @Test
    void featureStabilityUsesThePreviousQuantilesAsBins() {
        List<Row> rows = second;
        Map<String, Row> psi = byName(rows, DriftColumns.KIND_PSI);
        // recency then 1..10: quintile edges 2, 4, 6, 8 -> counts (2, 2, 2, 2, 2, nulls 0);
        // now 7..15 and 0, 1 -> (2, 0, 0, 2, 7, 0)
        double recency = Psi.index(new long[] {2, 2, 2, 2, 2, 0}, new long[] {2, 0, 0, 2, 7, 0}, 1e-4);
        assertThat(psi.get(FeatureColumns.RECENCY_DAYS).<Double>getAs(DriftColumns.PSI)).isCloseTo(recency, within(1e-9));
        assertThat(psi.get(FeatureColumns.RECENCY_DAYS).<String>getAs(DriftColumns.LEVEL)).isEqualTo(DriftColumns.LEVEL_MAJOR);
        assertThat(psi.get(FeatureColumns.RECENCY_DAYS).<Boolean>getAs(DriftColumns.FLAGGED)).isTrue();
        assertThat(psi.get(FeatureColumns.RECENCY_DAYS).<Double>getAs(DriftColumns.VALUE_THEN)).isCloseTo(5.5, within(1e-12));
        // purchase_days constant (3) then: one value bin; the same now -> 0
        assertThat(psi.get(FeatureColumns.PURCHASE_DAYS).<Double>getAs(DriftColumns.PSI)).isCloseTo(0.0, within(1e-12));
        assertThat(psi.get(FeatureColumns.PURCHASE_DAYS).<String>getAs(DriftColumns.NOTE)).startsWith("2 bins");
        // spend_trend: 2 nulls and eight 0.0 then, 1 null and ten 0.0 now: (8, 0, 2) vs (10, 0, 1)
        double trend = Psi.index(new long[] {8, 0, 2}, new long[] {10, 0, 1}, 1e-4);
        assertThat(psi.get(FeatureColumns.SPEND_TREND).<Double>getAs(DriftColumns.PSI)).isCloseTo(trend, within(1e-9));
        // a model feature the table does not have: a note, not a failure
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.<String>getAs(DriftColumns.NAME)).isEqualTo(FeatureColumns.DAYS_OVERDUE);
            assertThat(r.<String>getAs(DriftColumns.KIND)).isEqualTo(DriftColumns.KIND_NOTE);
        });
    }

    @Test
    void holdoutMetricsAndTheChampionThenAndNow() {
        List<Row> rows = second;
        Map<String, Row> m = rows.stream().filter(r -> DriftColumns.KIND_METRIC.equals(r.getAs(DriftColumns.KIND)))
                .collect(Collectors.toMap(r -> r.getAs(DriftColumns.GROUPING) + "/" + r.getAs(DriftColumns.NAME), r -> r));
        assertThat(m).containsOnlyKeys("logistic/roc_auc", "gbt/roc_auc", "logistic/customers"); // validation rows left out
        assertThat(m.get("logistic/roc_auc").<Boolean>getAs(DriftColumns.FLAGGED)).isFalse(); // -0.01
        assertThat(m.get("gbt/roc_auc").<Double>getAs(DriftColumns.CHANGE)).isCloseTo(0.05, within(1e-12));
        assertThat(m.get("gbt/roc_auc").<Boolean>getAs(DriftColumns.FLAGGED)).isTrue();
        assertThat(m.get("logistic/customers").<Boolean>getAs(DriftColumns.FLAGGED)).isFalse(); // counts are not judged
        Row champion = byName(rows, DriftColumns.KIND_CHAMPION).get(DriftColumns.KIND_CHAMPION);
        assertThat(champion.<String>getAs(DriftColumns.FROM_LABEL)).isEqualTo("logistic");
        assertThat(champion.<String>getAs(DriftColumns.TO_LABEL)).isEqualTo("gbt");
        assertThat(champion.<Boolean>getAs(DriftColumns.FLAGGED)).isTrue();
    }

    @Test
    void segmentTransitionsCountCustomersAndRevenueWithNewAndGoneMargins() {
        List<Row> rows = second;
        Map<String, Row> cells = rows.stream().filter(r -> DriftColumns.KIND_TRANSITION.equals(r.getAs(DriftColumns.KIND))
                        && SegmentColumns.GROUPING_RFM.equals(r.getAs(DriftColumns.GROUPING)))
                .collect(Collectors.toMap(r -> r.getAs(DriftColumns.FROM_LABEL) + ">" + r.getAs(DriftColumns.TO_LABEL), r -> r));
        assertThat(cells).containsOnlyKeys("Champions>(gone)", "Champions>Champions", "Champions>Lost", "Lost>Lost", "(new)>New");
        assertCell(cells.get("Champions>(gone)"), 1, "10.00", null);
        assertCell(cells.get("Champions>Champions"), 2, "50.00", "10.00");
        assertCell(cells.get("Champions>Lost"), 2, "90.00", "10.00");
        assertCell(cells.get("Lost>Lost"), 5, "400.00", "25.00");
        assertCell(cells.get("(new)>New"), 2, null, "16.00");

        Map<String, Row> shares = rows.stream().filter(r -> DriftColumns.KIND_SHARE.equals(r.getAs(DriftColumns.KIND))
                        && SegmentColumns.GROUPING_RFM.equals(r.getAs(DriftColumns.GROUPING)))
                .collect(Collectors.toMap(r -> r.getAs(DriftColumns.NAME), r -> r));
        assertThat(shares.get("Champions").<Double>getAs(DriftColumns.VALUE_THEN)).isCloseTo(0.5, within(1e-12));
        assertThat(shares.get("Champions").<Double>getAs(DriftColumns.VALUE_NOW)).isCloseTo(2.0 / 11, within(1e-12));
        assertThat(shares.get("Lost").<Double>getAs(DriftColumns.VALUE_NOW)).isCloseTo(7.0 / 11, within(1e-12));
        assertThat(shares.values()).allSatisfy(r -> assertThat(r.<Boolean>getAs(DriftColumns.FLAGGED)).isTrue());
        // clusters: the three "A" customers then and every customer "A" now
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.<String>getAs(DriftColumns.GROUPING)).isEqualTo(SegmentColumns.GROUPING_CLUSTER);
            assertThat(r.<String>getAs(DriftColumns.FROM_LABEL) + ">" + r.<String>getAs(DriftColumns.TO_LABEL)).isEqualTo("B>A");
            assertThat(r.<Long>getAs(DriftColumns.CUSTOMERS)).isEqualTo(7L);
        });
    }

    private static void assertCell(Row cell, long customers, String revenueThen, String revenueBetween) {
        assertThat(cell.<Long>getAs(DriftColumns.CUSTOMERS)).isEqualTo(customers);
        assertThat(cell.<BigDecimal>getAs(DriftColumns.REVENUE_THEN)).isEqualTo(revenueThen == null ? null : new BigDecimal(revenueThen));
        assertThat(cell.<BigDecimal>getAs(DriftColumns.REVENUE_BETWEEN)).isEqualTo(revenueBetween == null ? null : new BigDecimal(revenueBetween));
    }

    private static Map<String, Row> byName(List<Row> rows, String kind) {
        return rows.stream().filter(r -> kind.equals(r.getAs(DriftColumns.KIND)))
                .collect(Collectors.toMap(r -> r.getAs(DriftColumns.NAME), r -> r));
    }

    /** Runs the stage as of {@code asOf} and reads back what it published. */
    private static List<Row> run(LocalDate asOf) {
        Map<String, Long> counts = new DriftStage().run(new StageContext(spark, config, asOf, "test-run", store));
        List<Row> rows = store.requireReport(Tables.MODEL_DRIFT, asOf, "drift").collectAsList();
        assertThat(counts.get("rows")).isEqualTo(rows.size());
        return rows;
    }

    // ---- the two snapshots ------------------------------------------------------------------------------------

    private static void publishFeatures() {
        StructType schema = new StructType().add(FeatureColumns.CUSTOMER_ID, "string")
                .add(FeatureColumns.RECENCY_DAYS, "int").add(FeatureColumns.PURCHASE_DAYS, "int")
                .add(FeatureColumns.SPEND_TREND, "double").add(FeatureColumns.MONETARY_TOTAL, DataTypes.createDecimalType(18, 2));
        List<Row> then = new ArrayList<>();
        List<Row> now = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            then.add(RowFactory.create("c" + i, i, 3, i <= 2 ? null : 0.0, BigDecimal.valueOf(10L * i).setScale(2)));
            if (i > 1) now.add(RowFactory.create("c" + i, i + 5, 3, i == 2 ? null : 0.0, BigDecimal.valueOf(10L * i + 5).setScale(2)));
        }
        now.add(RowFactory.create("c11", 0, 3, 0.0, new BigDecimal("7.00")));
        now.add(RowFactory.create("c12", 1, 3, 0.0, new BigDecimal("9.00")));
        store.publishReport(Tables.CUSTOMER_FEATURES, T1, spark.createDataFrame(then, schema));
        store.publishReport(Tables.CUSTOMER_FEATURES, T2, spark.createDataFrame(now, schema));
    }

    private static void publishSegments() {
        StructType schema = new StructType().add(SegmentColumns.CUSTOMER_ID, "string")
                .add(SegmentColumns.RFM_SEGMENT, "string").add(SegmentColumns.CLUSTER_NAME, "string");
        List<Row> then = new ArrayList<>();
        List<Row> now = new ArrayList<>();
        for (int i = 1; i <= 10; i++) then.add(RowFactory.create("c" + i, i <= 5 ? "Champions" : "Lost", i <= 3 ? "A" : "B"));
        for (int i = 2; i <= 12; i++) now.add(RowFactory.create("c" + i, i <= 3 ? "Champions" : i <= 10 ? "Lost" : "New", "A"));
        store.publishReport(Tables.CUSTOMER_SEGMENTS, T1, spark.createDataFrame(then, schema));
        store.publishReport(Tables.CUSTOMER_SEGMENTS, T2, spark.createDataFrame(now, schema));
    }

    private static void publishClvParams() {
        StructType schema = DataDictionary.CLV_PARAMS.fileSchema();
        store.publishReport(Tables.CLV_PARAMS, T1, spark.createDataFrame(List.of(
                param(schema, "r", 0.5, 0.05), param(schema, "alpha", 10.0, 1.0), param(schema, "a", 0.3, null)), schema));
        store.publishReport(Tables.CLV_PARAMS, T2, spark.createDataFrame(List.of(
                param(schema, "r", 0.8, 0.05), param(schema, "alpha", 11.0, 1.0), param(schema, "a", 0.8, 0.1)), schema));
    }

    private static Row param(StructType schema, String name, Double value, Double se) {
        return byColumn(schema, Map.of(ClvColumns.MODEL, "bg_nbd", ClvColumns.PARAMETER, name, ClvColumns.VALUE, value,
                ClvColumns.CUSTOMERS, 10L, ClvColumns.CONVERGED, true, ClvColumns.FIT_STATE, "identified"), ClvColumns.STD_ERROR, se);
    }

    private static void publishMetrics() {
        StructType schema = DataDictionary.MODEL_METRICS.fileSchema();
        store.publishReport(Tables.MODEL_METRICS, T1, spark.createDataFrame(List.of(
                metric(schema, "logistic", true, "holdout", "roc_auc", 0.80), metric(schema, "logistic", true, "holdout", "customers", 100.0),
                metric(schema, "gbt", false, "holdout", "roc_auc", 0.78), metric(schema, "gbt", false, "validation", "roc_auc", 0.5)), schema));
        store.publishReport(Tables.MODEL_METRICS, T2, spark.createDataFrame(List.of(
                metric(schema, "logistic", false, "holdout", "roc_auc", 0.79), metric(schema, "logistic", false, "holdout", "customers", 110.0),
                metric(schema, "gbt", true, "holdout", "roc_auc", 0.83), metric(schema, "gbt", true, "validation", "roc_auc", 0.9)), schema));
    }

    private static Row metric(StructType schema, String scorer, boolean champion, String evaluation, String name, double value) {
        return byColumn(schema, Map.of(ModelColumns.SCORER, scorer, ModelColumns.CHAMPION, champion,
                ModelColumns.EVALUATION, evaluation, ModelColumns.KIND, ModelColumns.KIND_METRIC, ModelColumns.NAME, name,
                ModelColumns.VALUE, value), ModelColumns.NOTE, null);
    }

    /** A value for a non-null column the test does not care about. */
    private static Object filler(org.apache.spark.sql.types.DataType type) {
        if (type.equals(DataTypes.StringType)) return "";
        if (type.equals(DataTypes.DoubleType)) return 0.0;
        if (type.equals(DataTypes.LongType)) return 0L;
        if (type.equals(DataTypes.IntegerType)) return 0;
        return false;
    }

    private static Row byColumn(StructType schema, Map<String, Object> values, String nullable, Object value) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            String name = schema.fields()[i].name();
            out[i] = name.equals(nullable) ? value : values.get(name);
            if (out[i] == null && !schema.fields()[i].nullable()) out[i] = filler(schema.fields()[i].dataType());
        }
        return RowFactory.create(out);
    }
}
