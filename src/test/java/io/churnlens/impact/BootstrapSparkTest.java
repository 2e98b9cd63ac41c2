package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark passes of the intervals equal the driver-side code over a list of the same customers, exactly (fixed
 * point sums), and do not depend on the partitioning: repartition(1) and repartition(7) give identical sums.
 */
class BootstrapSparkTest extends SparkTestBase {
    private static final int N = 60;
    private static final long SEED = 16;
    private static final List<BgNbdModel> DRAWS = List.of(new BgNbdModel(0.9, 8, 0.7, 3), new BgNbdModel(1.1, 9, 0.6, 3.5),
            new BgNbdModel(0.8, 7, 0.8, 2.5));

    /** Customer i: active at the start unless i % 5 == 0, departed when i % 4 == 1, bought when i % 3 != 0. */
    private static QuarterBootstrap.Customer customer(int i) {
        boolean start = i % 5 != 0, departed = start && i % 4 == 1, bought = i % 3 != 0;
        Double pAlive = i % 7 == 0 ? null : 0.2 + 0.6 * ((i * 37) % 11) / 10.0;
        return new QuarterBootstrap.Customer("c" + i, start, departed, start && !departed, bought, 1000L * (i % 9 + 1) + i,
                5000L + 13L * i, pAlive, pAlive == null ? null : 50.0 + i);
    }

    private static DropoutDraws.Buyer buyer(int i) {
        return new DropoutDraws.Buyer("c" + i, i % 6, (i % 6) * 3.0, 40.0 + i, customer(i).annualValueCents());
    }

    private static Dataset<Row> grid() {
        StructType schema = new StructType().add(CustomerQuarters.CUSTOMER_ID, DataTypes.StringType)
                .add(CustomerQuarters.ACTIVE_START, DataTypes.BooleanType).add(CustomerQuarters.DEPARTED, DataTypes.BooleanType)
                .add(CustomerQuarters.ACTIVE_END, DataTypes.BooleanType).add(CustomerQuarters.PURCHASED, DataTypes.BooleanType)
                .add(CustomerQuarters.ANNUAL_VALUE, DataTypes.LongType).add(CustomerQuarters.REVENUE_YEAR, DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            QuarterBootstrap.Customer c = customer(i);
            rows.add(RowFactory.create(c.id(), c.activeStart(), c.departed(), c.activeEnd(), c.purchased(),
                    c.annualValueCents(), c.revenueYearCents()));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static Dataset<Row> value() {
        StructType schema = new StructType().add(ClvColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(ClvColumns.P_ALIVE, DataTypes.DoubleType).add(ClvColumns.CLV, DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) rows.add(RowFactory.create("c" + i, customer(i).pAlive(), customer(i).clv()));
        return spark.createDataFrame(rows, schema);
    }

    private static Dataset<Row> features() {
        StructType schema = new StructType().add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(FeatureColumns.X, DataTypes.IntegerType).add(FeatureColumns.T_X, DataTypes.DoubleType)
                .add(FeatureColumns.T_CAL, DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) rows.add(RowFactory.create("c" + i, buyer(i).x(), buyer(i).tx(), buyer(i).t()));
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void sparkPassEqualsTheDriverPathOnAnyPartitioning() {
        BootstrapPass.Plan plan = new BootstrapPass.Plan(50, SEED, DRAWS);
        Dataset<Row> rows = BootstrapPass.quarterRows(grid(), Optional.of(value()), Optional.of(features()));
        BootstrapPass.Sums one = BootstrapPass.quarter(rows.repartition(1), plan);
        BootstrapPass.Sums seven = BootstrapPass.quarter(rows.repartition(7), plan);

        List<QuarterBootstrap.Customer> customers = new ArrayList<>();
        List<DropoutDraws.Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            customers.add(customer(i));
            if (customer(i).purchased() && customer(i).pAlive() != null) buyers.add(buyer(i));
        }
        ReplicateSums quarter = QuarterBootstrap.sums(customers.iterator(), 50, SEED);
        ReplicateSums dropouts = DropoutDraws.sums(buyers.iterator(), DRAWS, SEED);

        assertThat(one.quarter()).isEqualTo(quarter);
        assertThat(seven.quarter()).isEqualTo(quarter);
        assertThat(one.dropouts()).isEqualTo(dropouts);
        assertThat(seven.dropouts()).isEqualTo(dropouts);
        // The sums are not trivially equal: replicates differ from each other.
        assertThat(quarter.value(QuarterBootstrap.REVENUE_LOST, 0)).isNotEqualTo(quarter.value(QuarterBootstrap.REVENUE_LOST, 1));
    }

    @Test
    void weightOneEverywhereWouldGiveThePointFigures() {
        // Driver arithmetic checked by hand-summing the contributions: the expected value of a replicate sum under
        // Poisson(1) weights is the point sum; over 2,000 replicates the mean is within 4 standard errors of it.
        List<QuarterBootstrap.Customer> customers = new ArrayList<>();
        double lost = 0;
        double sq = 0;
        for (int i = 0; i < N; i++) {
            customers.add(customer(i));
            double v = customer(i).departed() ? customer(i).annualValueCents() / 100.0 : 0;
            lost += v;
            sq += v * v;
        }
        ReplicateSums s = QuarterBootstrap.sums(customers.iterator(), 2000, SEED);
        double mean = java.util.Arrays.stream(s.values(QuarterBootstrap.REVENUE_LOST)).average().orElseThrow();
        // Var of Σ w_i v_i with w_i ~ Poisson(1) is Σ v_i²; the mean of 2,000 replicates has sd sqrt(Σ v²/2000).
        assertThat(Math.abs(mean - lost)).isLessThan(4 * Math.sqrt(sq / 2000));
        double point = lost;
        double var = java.util.Arrays.stream(s.values(QuarterBootstrap.REVENUE_LOST)).map(x -> (x - point) * (x - point))
                .average().orElseThrow();
        assertThat(var / sq).isBetween(0.85, 1.15);
    }
}
