package io.churnlens.segment;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Clusters on three well separated groups of 15 customers (top buyers, regulars, lapsed one-timers), with the same
 * data fed in two different row orders and partitionings.
 */
class CustomerSegmentationTest extends SparkTestBase {
    static final ChurnlensConfig.Segment SPEC = new ChurnlensConfig.Segment(2, 4, 42, 200_000, 20,
            List.of(FeatureColumns.RECENCY_DAYS, FeatureColumns.PURCHASE_DAYS, FeatureColumns.MONETARY_TOTAL,
                    FeatureColumns.TENURE_DAYS), false);
    static final StructType SCHEMA = new StructType()
            .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType)
            .add(FeatureColumns.AS_OF, DataTypes.DateType)
            .add(FeatureColumns.RECENCY_DAYS, DataTypes.IntegerType)
            .add(FeatureColumns.PURCHASE_DAYS, DataTypes.IntegerType)
            .add(FeatureColumns.MONETARY_TOTAL, TransactionColumns.MONEY)
            .add(FeatureColumns.TENURE_DAYS, DataTypes.IntegerType);

    static SegmentTables first;
    static SegmentTables second;

    static List<Row> rows() {
        Date asOf = Date.valueOf("2024-06-30");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            double jitter = 1 + (i % 5 - 2) * 0.05; // 0.90 .. 1.10, deterministic
            rows.add(RowFactory.create("top" + i, asOf, (int) (5 * jitter), (int) (40 * jitter), money(5000 * jitter), (int) (700 * jitter)));
            rows.add(RowFactory.create("reg" + i, asOf, (int) (40 * jitter), (int) (8 * jitter), money(600 * jitter), (int) (400 * jitter)));
            rows.add(RowFactory.create("gone" + i, asOf, (int) (300 * jitter), 1, money(40 * jitter), (int) (320 * jitter)));
        }
        return rows;
    }

    static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    @BeforeAll
    static void segmentTwice() {
        first = new CustomerSegmentation(SPEC).run(spark.createDataFrame(rows(), SCHEMA));
        List<Row> reversed = rows();
        Collections.reverse(reversed);
        second = new CustomerSegmentation(SPEC).run(spark.createDataFrame(reversed, SCHEMA).repartition(3));
    }

    static Map<String, String> clusterNames(SegmentTables tables) {
        Map<String, String> names = new TreeMap<>();
        for (Row r : tables.customerSegments().collectAsList()) {
            names.put(r.getAs(SegmentColumns.CUSTOMER_ID),
                    r.<Integer>getAs(SegmentColumns.CLUSTER_ID) + "|" + r.getAs(SegmentColumns.CLUSTER_NAME));
        }
        return names;
    }

    @Test
    void chosenKSeparatesTheGroupsAndClusterOneIsTheMostValuable() {
        BehaviouralClusters.Result clusters = first.clusters();
        assertThat(clusters.k()).isEqualTo(3);
        assertThat(clusters.silhouette()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(clusters.silhouetteByK()).containsOnlyKeys(2, 3, 4);
        assertThat(clusters.silhouetteByK().get(3)).isEqualTo(clusters.silhouetteByK().values().stream()
                .mapToDouble(Double::doubleValue).max().orElseThrow());

        // Population means: monetary (5000 + 600 + 40) / 3 = 1880, purchase days (40 + 8 + 1) / 3 = 16.3,
        // recency (5 + 40 + 300) / 3 = 115 (jitter averages out). Regulars: 600 / 1880 = 0.32 -> low spend,
        // 8 / 16.3 = 0.49 -> occasional, 40 / 115 = 0.35 -> recently active.
        Map<String, String> names = clusterNames(first);
        assertThat(names).hasSize(45);
        assertThat(names.get("top0")).isEqualTo("1|C1 · top spenders · frequent · recently active");
        assertThat(names.get("reg0")).isEqualTo("2|C2 · low spend · occasional · recently active");
        assertThat(names.get("gone0")).isEqualTo("3|C3 · low spend · occasional · lapsed");
        for (int i = 0; i < 15; i++) {
            assertThat(names.get("top" + i)).isEqualTo(names.get("top0"));
            assertThat(names.get("reg" + i)).isEqualTo(names.get("reg0"));
            assertThat(names.get("gone" + i)).isEqualTo(names.get("gone0"));
        }
    }

    @Test
    void sameDataGivesTheSameClustersAndNames() {
        assertThat(clusterNames(second)).isEqualTo(clusterNames(first));
        assertThat(second.clusters().silhouetteByK()).isEqualTo(first.clusters().silhouetteByK());
    }

    @Test
    void aCappedSelectionSampleStillFindsTheGroupsAndAssignsEveryCustomer() {
        ChurnlensConfig.Segment capped = new ChurnlensConfig.Segment(2, 4, 42, 30, 20, SPEC.clusterFeatures(), false);
        SegmentTables tables = new CustomerSegmentation(capped).run(spark.createDataFrame(rows(), SCHEMA));
        assertThat(tables.clusters().k()).isEqualTo(3);
        Map<String, String> names = clusterNames(tables);
        assertThat(names).hasSize(45);
        for (int i = 0; i < 15; i++) {
            assertThat(names.get("top" + i)).startsWith("1|");
            assertThat(names.get("reg" + i)).startsWith("2|");
            assertThat(names.get("gone" + i)).startsWith("3|");
        }
    }

    @Test
    void kSelectionTableMarksTheChosenK() {
        List<Row> rows = first.kSelection().orderBy(SegmentColumns.K).collectAsList();
        assertThat(rows).extracting(r -> r.<Integer>getAs(SegmentColumns.K)).containsExactly(2, 3, 4);
        assertThat(rows).filteredOn(r -> r.<Boolean>getAs(SegmentColumns.CHOSEN))
                .extracting(r -> r.<Integer>getAs(SegmentColumns.K)).containsExactly(3);
    }

    @Test
    void summaryAddsUpPerGrouping() {
        List<Row> summary = first.segmentSummary().collectAsList();
        for (String grouping : List.of(SegmentColumns.GROUPING_RFM, SegmentColumns.GROUPING_CLUSTER)) {
            List<Row> rows = summary.stream().filter(r -> grouping.equals(r.getAs(SegmentColumns.GROUPING))).toList();
            assertThat(rows.stream().mapToLong(r -> r.<Long>getAs(SegmentColumns.CUSTOMERS)).sum()).isEqualTo(45);
            assertThat(rows.stream().mapToDouble(r -> r.<Double>getAs(SegmentColumns.CUSTOMER_SHARE)).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(rows.stream().mapToDouble(r -> r.<Double>getAs(SegmentColumns.REVENUE_SHARE)).sum()).isCloseTo(1.0, within(1e-9));
        }
        Row c1 = summary.stream().filter(r -> SegmentColumns.GROUPING_CLUSTER.equals(r.getAs(SegmentColumns.GROUPING))
                && r.<Integer>getAs(SegmentColumns.SEGMENT_ORDER) == 1).findFirst().orElseThrow();
        assertThat(c1.<Long>getAs(SegmentColumns.CUSTOMERS)).isEqualTo(15);
        BigDecimal topRevenue = rows().stream().filter(r -> r.getString(0).startsWith("top"))
                .map(r -> (BigDecimal) r.get(4)).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(c1.<BigDecimal>getAs(SegmentColumns.REVENUE)).isEqualByComparingTo(topRevenue);
        assertThat(c1.<Double>getAs(SegmentColumns.MEAN_FREQUENCY)).isCloseTo(40.0, within(2.0));
        // Every top buyer is a Champion: most recent, most purchase days, most spend.
        assertThat(first.customerSegments().where("customer_id like 'top%'").select(SegmentColumns.RFM_SEGMENT)
                .distinct().collectAsList()).extracting(r -> r.<String>getAs(SegmentColumns.RFM_SEGMENT))
                .containsExactly(RfmSegmentMap.CHAMPIONS);
    }

    @Test
    void reportTablesHavePlainTypes() {
        for (Dataset<Row> table : List.of(first.customerSegments(), first.segmentSummary(), first.kSelection())) {
            assertThat(table.schema().fields()).allSatisfy(f ->
                    assertThat(f.dataType().typeName()).isIn("string", "date", "integer", "long", "double", "boolean", "decimal(18,2)"));
        }
    }
}
