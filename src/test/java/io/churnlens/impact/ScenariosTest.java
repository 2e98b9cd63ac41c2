package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Scenario arithmetic by hand; the optional word-of-mouth and referral assumptions change nothing when off. */
class ScenariosTest {
    /** 1,000 customers at the start, 100 left (churn 10%) taking 50,000 (500 each); 950 at the end; revenue 900,000. */
    private static final QuarterObservation QUARTER = new QuarterObservation(0, 1000, 50, 0, 100, 950,
            new BigDecimal("50000.00"), new BigDecimal("900000.00"), 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    @Test
    void twoPointsLessChurnOverOneQuarter() {
        Scenarios.Scenario s = only(settings("impact.scenario-churn-reductions-pp=[2]", "impact.scenario-horizon-quarters=1"), 0.0);
        assertThat(s.baselineChurn()).isCloseTo(0.10, within(1e-12));
        assertThat(s.scenarioChurn()).isCloseTo(0.08, within(1e-12));
        assertThat(s.customersKept()).isCloseTo(20, within(1e-9));               // 1,000 x 0.02
        assertThat(s.revenueKeptThisYear()).isCloseTo(10_000, within(1e-6));     // 20 x 500
        // Quarterly revenue per customer 900,000 / 950 / 4; 950 x 0.90 vs 950 x 0.92 customers after one quarter.
        assertThat(s.baseValueBaseline()).isCloseTo(202_500, within(1e-6));
        assertThat(s.baseValueScenario()).isCloseTo(207_000, within(1e-6));
        assertThat(s.baseValueEffect()).isCloseTo(4_500, within(1e-6));
        assertThat(s.multiplier()).isEqualTo(1.0);
    }

    @Test
    void twoQuartersWithDiscounting() {
        Scenarios.Scenario s = only(settings("impact.scenario-churn-reductions-pp=[5]", "impact.scenario-horizon-quarters=2"), 0.01);
        double perCustomer = 900_000.0 / 950 / 4;
        double d1 = Math.pow(1.01, 3);
        double d2 = Math.pow(1.01, 6);
        double baseline = 950 * 0.9 * perCustomer / d1 + 950 * 0.81 * perCustomer / d2;
        double scenario = 950 * 0.95 * perCustomer / d1 + 950 * 0.95 * 0.95 * perCustomer / d2;
        assertThat(s.baseValueBaseline()).isCloseTo(baseline, within(1e-6));
        assertThat(s.baseValueEffect()).isCloseTo(scenario - baseline, within(1e-6));
    }

    @Test
    void defaultReductionsAndAShareOfChurn() {
        List<Scenarios.Scenario> all = Scenarios.of(QUARTER, settings("impact.scenario-churn-reduction-share=0.2"), 0.01);
        assertThat(all).extracting(Scenarios.Scenario::name)
                .containsExactly("churn -1 pp", "churn -2 pp", "churn -5 pp", "churn -10 pp", "churn -20%");
        assertThat(all.get(4).reductionPp()).isCloseTo(2.0, within(1e-12)); // 20% of 10%
        // -10 pp of a 10% churn rate leaves 0, never below.
        assertThat(all.get(3).scenarioChurn()).isCloseTo(0.0, within(1e-12));
        assertThat(all.get(3).customersKept()).isCloseTo(100, within(1e-9));
    }

    @Test
    void reductionLargerThanChurnIsCapped() {
        Scenarios.Scenario s = only(settings("impact.scenario-churn-reductions-pp=[50]"), 0.0);
        assertThat(s.scenarioChurn()).isZero();
        assertThat(s.reductionPp()).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void assumptionsSwitchedOffChangeNothingEvenWithValuesSet() {
        Scenarios.Scenario plain = only(settings("impact.scenario-churn-reductions-pp=[2]"), 0.01);
        Scenarios.Scenario offWithValues = only(settings("impact.scenario-churn-reductions-pp=[2]",
                "impact.word-of-mouth.customers-deterred-per-departure=0.7", "impact.referral.customers-referred-per-kept-customer=0.4"), 0.01);
        assertThat(offWithValues).usingRecursiveComparison().isEqualTo(plain);
    }

    @Test
    void assumptionsSwitchedOnMultiplyCustomersKept() {
        Scenarios.Scenario plain = only(settings("impact.scenario-churn-reductions-pp=[2]", "impact.scenario-horizon-quarters=1"), 0.0);
        Scenarios.Scenario on = only(settings("impact.scenario-churn-reductions-pp=[2]", "impact.scenario-horizon-quarters=1",
                "impact.word-of-mouth.enabled=true", "impact.word-of-mouth.customers-deterred-per-departure=0.1",
                "impact.referral.enabled=true", "impact.referral.customers-referred-per-kept-customer=0.05"), 0.0);
        assertThat(on.multiplier()).isCloseTo(1.15, within(1e-12));
        assertThat(on.customersKept()).isCloseTo(23, within(1e-9));
        assertThat(on.baseValueEffect()).isCloseTo(4_500 * 1.15, within(1e-6));
        assertThat(on.baseValueBaseline()).isEqualTo(plain.baseValueBaseline());
        assertThat(on.assumptions()).contains("word of mouth ON").contains("referral ON");
        assertThat(plain.assumptions()).contains("word of mouth off").contains("referral off");
    }

    @Test
    void noScenarioWithoutCustomersAtTheStart() {
        QuarterObservation empty = new QuarterObservation(0, 0, 5, 0, 0, 5, BigDecimal.ZERO, BigDecimal.TEN, 0,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(Scenarios.of(empty, settings(), 0.01)).isEmpty();
    }

    private static Scenarios.Scenario only(ImpactSettings settings, double discount) {
        List<Scenarios.Scenario> all = Scenarios.of(QUARTER, settings, discount);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static ImpactSettings settings(String... overrides) {
        return HandExample.settings(overrides);
    }
}
