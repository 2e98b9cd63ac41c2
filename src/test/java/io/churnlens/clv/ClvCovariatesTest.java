package io.churnlens.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.CovariateModel;
import io.churnlens.btyd.CovariateWorld;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@code clv.covariates} through the CLV stage's analysis on Spark: a generator-like population of 2,000 customers
 * with country and channel (plus 12 customers of a rare country and 5 with none, which join the reference), a
 * configured column that is absent: the covariate fit is in clv_params with its coefficients and standard errors,
 * every customer is valued by the BG/NBD of their cell (executor values equal the driver's), the absent column is
 * named, and the holdout check uses the covariate model.
 */
class ClvCovariatesTest extends SparkTestBase {
    private static final StructType FEATURES = new StructType()
            .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(FeatureColumns.X, DataTypes.IntegerType, true)
            .add(FeatureColumns.T_X, DataTypes.DoubleType, true)
            .add(FeatureColumns.T_CAL, DataTypes.DoubleType, true)
            .add(FeatureColumns.REPEAT_SPEND_MEAN, DataTypes.DoubleType, true)
            .add(FeatureColumns.COUNTRY, DataTypes.StringType, true)
            .add(FeatureColumns.CHANNEL, DataTypes.StringType, true);

    @Test
    void covariateModelValuesEachCustomerByTheirCell() {
        CovariateWorld w = CovariateWorld.simulate(2000, 26, 104, 13, 7);
        List<Row> rows = new ArrayList<>(), holdout = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            double tx = Math.round(w.tx[i] * 7) / 7.0, t = Math.round(w.t[i] * 7) / 7.0;
            String country = i < 12 ? "LU" : i < 17 ? null : w.levels.get(i)[0];
            rows.add(RowFactory.create("c" + i, w.x[i], w.x[i] == 0 ? 0.0 : tx, t, w.x[i] == 0 ? null : 25.0 + i % 13,
                    country, w.levels.get(i)[1]));
            holdout.add(RowFactory.create("c" + i, (long) w.holdoutPurchases[i]));
        }
        Dataset<Row> features = spark.createDataFrame(rows, FEATURES).repartition(2);
        ChurnlensConfig config = ConfigLoader.load(null, List.of("clv.fit-pareto-nbd=false",
                "clv.covariates=[country, channel, loyalty_tier]"));
        ClvAnalysis analysis = new ClvAnalysis(config);
        ClvAnalysis.Result result = analysis.run(features);
        result.verdicts().forEach(System.out::println);
        assertThat(result.fits()).extracting(ModelFit::model)
                .containsExactly(BgNbdModel.NAME, "bg_nbd_covariates", GammaGammaModel.NAME);
        assertThat(result.verdicts()).anyMatch(v -> v.startsWith("customer values from bg_nbd_covariates")
                && v.contains("skipped: loyalty_tier"));

        Map<String, Row> params = new HashMap<>();
        for (Row r : result.params().where(result.params().col(ClvColumns.MODEL).equalTo("bg_nbd_covariates"))
                .collectAsList()) params.put(r.getAs(ClvColumns.PARAMETER), r);
        assertThat(params).containsKeys("r", "alpha", "a", "b", "gamma_trans:country=US", "gamma_life:channel=store");
        assertThat(params.keySet()).noneMatch(p -> p.contains("LU") || p.contains("(other)"));
        assertThat(params).hasSize(14);
        params.values().forEach(r -> assertThat((Double) r.getAs(ClvColumns.STD_ERROR)).isPositive());
        // The app channel's rate factor is 1.5: gamma_trans = ln 1.5 = 0.41 (2,000 customers: within 0.25).
        assertThat((Double) params.get("gamma_trans:channel=app").getAs(ClvColumns.VALUE)).isCloseTo(Math.log(1.5), within(0.25));

        CovariateModel model = result.valuation().orElseThrow().covariates();
        Map<String, Row> byId = new HashMap<>();
        for (Row r : result.customerValue().orElseThrow().collectAsList()) byId.put(r.getAs(ClvColumns.CUSTOMER_ID), r);
        assertThat(byId).hasSize(2000);
        for (int i : new int[] {0, 13, 100, 1999}) {
            Row f = rows.get(i);
            PurchaseModel cell = model.forCustomer(new String[] {f.getString(5), f.getString(6)});
            double pAlive = cell.pAlive(f.getInt(1), f.getDouble(2), f.getDouble(3));
            assertThat((Double) byId.get("c" + i).getAs(ClvColumns.P_ALIVE)).isCloseTo(pAlive, within(1e-12));
            assertThat((String) byId.get("c" + i).getAs(ClvColumns.PURCHASE_MODEL)).isEqualTo(BgNbdModel.NAME);
        }
        // The rare country and the missing one are valued as the reference (GB).
        assertThat(model.forCustomer(new String[] {"LU", "web"})).isEqualTo(model.forCustomer(new String[] {"GB", "web"}));
        assertThat(model.forCustomer(new String[] {null, "web"})).isEqualTo(model.forCustomer(new String[] {"GB", "web"}));

        Dataset<Row> actual = spark.createDataFrame(holdout, new StructType()
                .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType).add(ClvColumns.X_HOLDOUT, DataTypes.LongType));
        List<Row> check = analysis.holdout(features, actual, 91).orElseThrow().collectAsList();
        assertThat(check).extracting(r -> r.getString(0)).containsOnly("bg_nbd_covariates");
        Row total = check.get(check.size() - 1);
        System.out.println("holdout total: " + total);
        assertThat(total.getDouble(4)).isCloseTo(total.getDouble(3), within(0.15 * total.getDouble(3)));
    }
}
