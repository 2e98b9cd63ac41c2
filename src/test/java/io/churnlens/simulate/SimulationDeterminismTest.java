package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Same seed, same output, wherever each customer is simulated; another seed, other customers. */
class SimulationDeterminismTest extends SparkTestBase {

    @Test
    void sameSeedGivesIdenticalRowsGroundTruthAndMessyRows() {
        Simulate settings = TestSettings.simulate("simulate.customers=800", "simulate.seed=7");
        SimulationResult first = Simulation.run(spark, settings);
        SimulationResult second = Simulation.run(spark, settings);

        List<String> rows = sorted(first.transactions());
        assertThat(rows).hasSizeGreaterThan(800);
        assertThat(sorted(second.transactions())).isEqualTo(rows);
        assertThat(sorted(second.groundTruth())).isEqualTo(sorted(first.groundTruth()));
        assertThat(sorted(second.messyRows())).isEqualTo(sorted(first.messyRows()));
    }

    @Test
    void differentSeedGivesDifferentCustomers() {
        List<String> seven = sorted(Simulation.run(spark, TestSettings.simulate("simulate.customers=300", "simulate.seed=7"))
                .groundTruth().select(Truth.LAMBDA_PER_WEEK));
        List<String> eight = sorted(Simulation.run(spark, TestSettings.simulate("simulate.customers=300", "simulate.seed=8"))
                .groundTruth().select(Truth.LAMBDA_PER_WEEK));
        assertThat(eight).hasSameSizeAs(seven);
        assertThat(eight).doesNotContainAnyElementsOf(seven);
    }

    /**
     * The snapshot of the ground truth only decides how far past the export each customer is simulated; the export
     * itself must not change, so the sample's two ground-truth files describe the same transactions.
     */
    @Test
    void exportDoesNotDependOnTheTruthSnapshot() {
        Simulate early = TestSettings.simulate("simulate.customers=500", "simulate.truth-as-of=2025-01-15");
        Simulate atEnd = TestSettings.simulate("simulate.customers=500", "simulate.truth-as-of=2026-09-30");
        assertThat(sorted(Simulation.run(spark, atEnd).transactions()))
                .isEqualTo(sorted(Simulation.run(spark, early).transactions()));
    }

    /** A customer's row depends on the seed and their number only: simulated here on the driver, it is the same. */
    @Test
    void customerRowDoesNotDependOnThePartitionThatSimulatesIt() {
        Simulate settings = TestSettings.simulate("simulate.customers=400", "simulate.seed=11");
        SimulationPlan plan = new SimulationPlan(settings);
        GroundTruth groundTruth = new GroundTruth(plan, new ExportRows(plan));
        Row onDriver = groundTruth.row(new CustomerSimulator(plan).simulate(321));

        Row onExecutor = Simulation.run(spark, settings).groundTruth()
                .where(Truth.CUSTOMER_ID + " = '" + plan.customerId(321) + "'").first();
        for (String column : new String[] {Truth.LAMBDA_PER_WEEK, Truth.DROPOUT_P, Truth.SPEND_NU, Truth.PURCHASES,
                Truth.RETURNS, Truth.X, Truth.P_NO_PURCHASE}) {
            int at = Truth.SCHEMA.fieldIndex(column);
            assertThat(onExecutor.get(at)).as(column).isEqualTo(onDriver.get(at));
        }
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
