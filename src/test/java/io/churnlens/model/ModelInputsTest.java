package io.churnlens.model;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.config.ModelOptions;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The learned models' added inputs: group levels with the rare bucket, the BTYD outputs, and no leakage. */
class ModelInputsTest extends SparkTestBase {

    private static Dataset<Row> countries(String... values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) rows.add(RowFactory.create("c" + i, values[i]));
        return spark.createDataFrame(rows, new StructType().add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(FeatureColumns.COUNTRY, DataTypes.StringType));
    }

    @Test
    void levelsBelowTheShareAndUnseenOnesGoToOther() {
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 60; i++) train.add("GB");
        for (int i = 0; i < 30; i++) train.add("DE");
        for (int i = 0; i < 9; i++) train.add("FR"); // 9% < 10%
        train.add(null);                              // 1%: (none) is rare too
        GroupEncoding e = GroupEncoding.fit(countries(train.toArray(String[]::new)), FeatureColumns.COUNTRY, 0.10).orElseThrow();
        assertThat(e.levels()).containsExactly("DE", "GB");
        assertThat(e.inputNames()).containsExactly("country=DE", "country=GB", "country=(other)");

        List<Row> scored = e.addTo(countries("GB", "US", null, "FR", "DE")).orderBy(FeatureColumns.CUSTOMER_ID).collectAsList();
        double[][] expected = {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {1, 0, 0}};
        for (int i = 0; i < expected.length; i++) {
            Row r = scored.get(i);
            assertThat(new double[]{r.getAs("country=DE"), r.getAs("country=GB"), r.getAs("country=(other)")})
                    .as("customer c" + i).containsExactly(expected[i]);
        }
        // one level everywhere (an unmapped column): nothing to learn, no inputs
        assertThat(GroupEncoding.fit(countries(null, null, null), FeatureColumns.COUNTRY, 0.01)).isEmpty();
    }

    @Test
    void btydOutputsMatchThePublishedCdnowExpectation() {
        // FHL (2005) CDNOW parameters; the customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the
        // next 39 weeks (Fader, Hardie & Lee's worked example). P(alive) from the closed form (FHL 2005, eq. 13).
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        StructType schema = new StructType().add(FeatureColumns.X, DataTypes.IntegerType).add(FeatureColumns.T_X, DataTypes.DoubleType)
                .add(FeatureColumns.T_CAL, DataTypes.DoubleType).add(FeatureColumns.REPEAT_SPEND_MEAN, DataTypes.DoubleType)
                .add(FeatureColumns.MONETARY_MEAN, DataTypes.DoubleType);
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(2, 30.43, 38.86, null, 20.0),
                RowFactory.create(0, 0.0, 0.0, null, 5.0)), schema);
        List<Row> out = BtydInputs.addTo(rows, new BtydInputs.Fit(m, null, "test"), 39).collectAsList();
        double alive = 1 / (1 + 0.793 / (2.426 + 2 - 1) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2));
        assertThat(out.get(0).<Double>getAs(BtydInputs.P_ALIVE)).isCloseTo(alive, within(1e-9));
        assertThat(out.get(0).<Double>getAs(BtydInputs.EXPECTED_PURCHASES)).isCloseTo(1.226, within(0.001));
        // no Gamma-Gamma: the expected value uses the customer's mean purchase-day value
        assertThat(out.get(0).<Double>getAs(BtydInputs.EXPECTED_VALUE))
                .isCloseTo(20.0 * out.get(0).<Double>getAs(BtydInputs.EXPECTED_PURCHASES), within(1e-9));
        // T = 0 is not a valid BTYD statistic: null, which the pipelines impute
        assertThat(out.get(1).<Object>getAs(BtydInputs.P_ALIVE)).isNull();
    }

    @Test
    void purchasesInTheLabelWindowChangeTheLabelsButNoInput() {
        GeneratedChurnData data = GeneratedChurnData.generate(spark, 300, 11);
        int h = data.config().churn().horizonDays();
        // every customer labelled a churner buys on T: inside the label window, after the training cutoff
        Dataset<Row> churners = data.labelled().where(col(FeatureColumns.CHURNED).equalTo(1)).select(FeatureColumns.CUSTOMER_ID);
        Dataset<Row> planted = data.transactions().where(io.churnlens.features.Purchases.isPurchaseRow())
                .join(churners, TransactionColumns.CUSTOMER_ID).dropDuplicates(TransactionColumns.CUSTOMER_ID)
                .withColumn(TransactionColumns.EVENT_DATE, lit(java.sql.Date.valueOf(data.asOf())));
        Dataset<Row> relabelled = new TrainingSet(new CustomerFeatures(FeatureSpec.from(data.config())))
                .build(data.transactions().unionByName(planted), data.asOf(), h);
        assertThat(relabelled.where(col(FeatureColumns.CHURNED).equalTo(1)).count()).isZero();

        ModelOptions.Inputs settings = new ModelOptions.Inputs(true, List.of(FeatureColumns.COUNTRY, FeatureColumns.CHANNEL), 0.01);
        double horizon = h / 7.0;
        ModelInputs.Prepared before = ModelInputs.prepare(data.labelled(), lit(true), settings, horizon, 100_000, FitBudget.DEFAULT);
        ModelInputs.Prepared after = ModelInputs.prepare(relabelled, lit(true), settings, horizon, 100_000, FitBudget.DEFAULT);
        assertThat(before.inputs().btydHorizon()).isEqualTo(horizon);
        assertThat(before.inputs().groups()).containsOnlyKeys(FeatureColumns.COUNTRY, FeatureColumns.CHANNEL);
        assertThat(after.inputs()).isEqualTo(before.inputs());
        List<String> columns = new ArrayList<>(List.of(FeatureColumns.CUSTOMER_ID));
        columns.addAll(before.inputs().columns());
        Column[] select = columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        assertThat(after.rows().select(select).orderBy(FeatureColumns.CUSTOMER_ID).collectAsList())
                .containsExactlyElementsOf(before.rows().select(select).orderBy(FeatureColumns.CUSTOMER_ID).collectAsList());
    }

    @Test
    void noInputsLeaveTheScorerAsItIs() {
        FittedScorer recency = new RecencyScorer();
        assertThat(ModelInputs.none().wrap(recency, 10, FitBudget.DEFAULT)).isSameAs(recency);
        assertThat(new ModelInputs(null, Map.of(), null).columns()).isEmpty();
    }
}
