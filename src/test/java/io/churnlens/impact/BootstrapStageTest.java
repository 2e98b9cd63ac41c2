package io.churnlens.impact;

import io.churnlens.clv.ClvAnalysis;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.io.Quarters;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.simulate.Simulation;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intervals through the impact analysis on a small generated history (1,200 customers, one BG/NBD population):
 * the as-of row carries every interval around its figure, earlier rows none, the scenarios theirs; without the fit
 * behind customer_value the parameter columns are null and the note says why.
 */
class BootstrapStageTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.parse("2026-09-30");

    @Test
    void asOfRowCarriesIntervalsAroundItsFiguresAndSaysWhyWhenTheFitIsMissing() {
        List<String> overrides = new ArrayList<>(CoverageWorlds.overrides(5, 1200, AS_OF));
        for (String kind : List.of("missing-customer-id", "unparsable-date", "unparsable-amount", "duplicate",
                "implausible-amount", "float-customer-id", "date-after-end")) {
            overrides.add("simulate.messy." + kind + "=0");
        }
        overrides.add("clv.fit-pareto-nbd=false");
        overrides.add("impact.bootstrap.replicates=100");
        overrides.add("impact.bootstrap.parameter-draws=100");
        ChurnlensConfig config = ConfigLoader.load(null, overrides);
        Dataset<Row> transactions = GeneratedHistory.canonical(Simulation.run(spark, config.simulate()).transactions()).cache();
        Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(config)).asOf(transactions, AS_OF).cache();
        ClvAnalysis.Result clv = new ClvAnalysis(config).run(features);
        ImpactAnalysis.Inputs in = new ImpactAnalysis.Inputs(transactions, clv.customerValue(), Optional.empty(),
                Optional.empty(), AS_OF, Optional.empty(), Optional.of(features), Optional.empty(), Optional.of(clv.params()));

        ImpactAnalysis.Result result = new ImpactAnalysis(config).run(in, AS_OF);
        Row now = asOfRow(result);
        assertThat(now.<Integer>getAs(ImpactColumns.BOOTSTRAP_REPLICATES)).isEqualTo(100);
        assertThat(now.<Integer>getAs(ImpactColumns.PARAMETER_DRAWS)).isEqualTo(100);
        for (String figure : List.of(ImpactColumns.CHURN_RATE, ImpactColumns.REVENUE_LOST, ImpactColumns.MODEL_EXPECTED_DROPOUTS,
                ImpactColumns.MODEL_DROPOUT_REVENUE, ImpactColumns.CLV_LOST)) {
            assertAround(now, figure, figure);
        }
        assertAround(now, ImpactColumns.MODEL_EXPECTED_DROPOUTS, ImpactColumns.MODEL_EXPECTED_DROPOUTS + "_param");
        assertAround(now, ImpactColumns.MODEL_DROPOUT_REVENUE, ImpactColumns.MODEL_DROPOUT_REVENUE + "_param");
        assertAround(now, ImpactColumns.MODEL_DROPOUT_REVENUE, ImpactColumns.MODEL_DROPOUT_REVENUE + "_pred");
        // The prediction interval adds the drop-outs' Bernoulli noise to the parameter uncertainty: it is wider.
        assertThat(width(now, ImpactColumns.MODEL_DROPOUT_REVENUE + "_pred"))
                .isGreaterThan(width(now, ImpactColumns.MODEL_DROPOUT_REVENUE + "_param"));
        assertThat(now.<Double>getAs(ImpactColumns.REVENUE_AT_RISK_LO90)).isNull(); // no scores, no figure
        for (Row earlier : result.churnImpact().filter(col(ImpactColumns.QUARTER).notEqual(Quarters.label(AS_OF))).collectAsList()) {
            assertThat(earlier.<Object>getAs(ImpactColumns.REVENUE_LOST_LO90)).isNull();
        }
        List<Row> scenarios = result.scenarios().collectAsList();
        assertThat(scenarios).isNotEmpty();
        for (Row s : scenarios) {
            assertAround(s, ImpactColumns.CUSTOMERS_KEPT, ImpactColumns.CUSTOMERS_KEPT);
            assertAround(s, ImpactColumns.BASE_VALUE_EFFECT, ImpactColumns.BASE_VALUE_EFFECT);
        }

        ImpactAnalysis.Inputs noParams = new ImpactAnalysis.Inputs(transactions, clv.customerValue(), Optional.empty(),
                Optional.empty(), AS_OF, Optional.empty(), Optional.of(features));
        Row without = asOfRow(new ImpactAnalysis(config).run(noParams, AS_OF));
        assertThat(without.<Double>getAs(ImpactColumns.MODEL_DROPOUT_REVENUE_PARAM_LO90)).isNull();
        assertThat(without.<Integer>getAs(ImpactColumns.PARAMETER_DRAWS)).isNull();
        assertThat(without.<String>getAs(ImpactColumns.NOTE)).contains("parameter and prediction intervals: no clv_params");
        assertThat(without.<Object>getAs(ImpactColumns.REVENUE_LOST_LO90)).isEqualTo(now.getAs(ImpactColumns.REVENUE_LOST_LO90));
        features.unpersist();
        transactions.unpersist();
    }

    private static Row asOfRow(ImpactAnalysis.Result r) {
        return r.churnImpact().filter(col(ImpactColumns.QUARTER).equalTo(Quarters.label(AS_OF))).first();
    }

    private static double number(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    private static double width(Row r, String prefix) {
        return number(r, prefix + "_hi90") - number(r, prefix + "_lo90");
    }

    /** lo <= figure <= hi, and the interval is not a point. */
    private static void assertAround(Row r, String figure, String prefix) {
        double v = number(r, figure), lo = number(r, prefix + "_lo90"), hi = number(r, prefix + "_hi90");
        assertThat(lo).as("%s lower end vs %s = %s", prefix, figure, v).isLessThanOrEqualTo(v);
        assertThat(hi).as("%s upper end vs %s = %s", prefix, figure, v).isGreaterThanOrEqualTo(v);
        assertThat(hi).as(prefix).isGreaterThan(lo);
    }
}
