package io.churnlens.segment;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

class RfmScorerTest extends SparkTestBase {
    static final StructType SCHEMA = new StructType()
            .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType)
            .add(FeatureColumns.RECENCY_DAYS, DataTypes.IntegerType)
            .add(FeatureColumns.PURCHASE_DAYS, DataTypes.IntegerType)
            .add(FeatureColumns.MONETARY_TOTAL, TransactionColumns.MONEY);

    // Ten customers. Recency 0,0,10,10,10,20,30,40,50,60; purchase days with six ties at 1; monetary 10..100.
    static final int[] RECENCY = {0, 0, 10, 10, 10, 20, 30, 40, 50, 60};
    static final int[] PURCHASE_DAYS = {1, 1, 1, 1, 1, 1, 2, 2, 3, 5};

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(RowFactory.create("c" + i, RECENCY[i], PURCHASE_DAYS[i], new BigDecimal((i + 1) * 10 + ".00")));
        }
        return rows;
    }

    static Map<String, String> cells(Dataset<Row> features) {
        Map<String, String> cells = new TreeMap<>();
        for (Row r : RfmScorer.score(features).collectAsList()) {
            cells.put(r.getAs(FeatureColumns.CUSTOMER_ID), r.getAs(SegmentColumns.RFM_CELL));
        }
        return cells;
    }

    @Test
    void quintileScoresWithTiesSharingAScore() {
        // Breakpoints (linear interpolation): recency 8, 10, 24, 42; purchase days 1, 1, 1.4, 2.2; monetary 28, 46, 64, 82.
        Map<String, String> cells = cells(spark.createDataFrame(rows(), SCHEMA));
        assertThat(cells).containsExactlyInAnyOrderEntriesOf(Map.of(
                "c0", "511", "c1", "511",
                "c2", "312", "c3", "312", "c4", "313",
                "c5", "313", "c6", "244", "c7", "244",
                "c8", "155", "c9", "155"));
    }

    @Test
    void scoresDoNotDependOnRowOrderOrPartitioning() {
        List<Row> reversed = rows();
        Collections.reverse(reversed);
        Map<String, String> a = cells(spark.createDataFrame(rows(), SCHEMA));
        Map<String, String> b = cells(spark.createDataFrame(reversed, SCHEMA).repartition(3));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void identicalValuesAlwaysGetIdenticalScores() {
        // Everyone the same: no quintile can split them.
        List<Row> same = new ArrayList<>();
        for (int i = 0; i < 7; i++) same.add(RowFactory.create("s" + i, 5, 2, new BigDecimal("20.00")));
        assertThat(cells(spark.createDataFrame(same, SCHEMA)).values()).containsOnly("111");
    }

    @Test
    void sparkExpressionAgreesWithTheTable() {
        List<Row> triples = new ArrayList<>();
        StructType scores = new StructType().add("r", DataTypes.IntegerType).add("f", DataTypes.IntegerType)
                .add("m", DataTypes.IntegerType);
        for (int r = 1; r <= 5; r++)
            for (int f = 1; f <= 5; f++)
                for (int m = 1; m <= 5; m++)
                    triples.add(RowFactory.create(r, f, m));
        List<Row> named = spark.createDataFrame(triples, scores)
                .withColumn("segment", RfmSegmentMap.segment(col("r"), col("f"), col("m")))
                .withColumn("order", RfmSegmentMap.order(col("segment")))
                .where(lit(true)).collectAsList();
        assertThat(named).hasSize(125).allSatisfy(row -> {
            String expected = RfmSegmentMap.nameOf(row.<Integer>getAs("r"), row.<Integer>getAs("f"), row.<Integer>getAs("m"));
            assertThat(row.<String>getAs("segment")).isEqualTo(expected);
            assertThat(row.<Integer>getAs("order")).isEqualTo(RfmSegmentMap.order(expected));
        });
    }
}
