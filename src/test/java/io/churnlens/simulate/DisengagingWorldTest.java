package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The disengaging world's properties on a few thousand customers simulated on the driver (no Spark): the rate and
 * the basket fall before drop-out, Q4 is above Q2, returners disengage sooner, and the Monte-Carlo truth is honest
 * about what happens. Each property is also checked with its mechanism switched off, so the test fails if the
 * effect comes from somewhere else.
 */
class DisengagingWorldTest {
    private static final int CUSTOMERS = 6000;
    private static final Simulate SETTINGS = TestSettings.simulate("simulate.customers=" + CUSTOMERS, "simulate.seed=17");
    private static final SimulationPlan PLAN = new SimulationPlan(SETTINGS);
    private static final DisengagingParameters WORLD = DisengagingParameters.defaults().withFutures(50);

    private static List<DisengagingCustomer> simulate(DisengagingParameters params) {
        DisengagingWorld world = new DisengagingWorld(PLAN, params);
        return LongStream.range(0, CUSTOMERS).mapToObj(world::simulate).toList();
    }

    /** Purchases per day and mean amount in the last 60 days before drop-out, over those in the 180 days before the lead. */
    private static double[] lastMonthsOverEarlier(List<DisengagingCustomer> customers) {
        double lateCount = 0, earlyCount = 0, lateCents = 0, earlyCents = 0;
        for (DisengagingCustomer d : customers) {
            SimulatedCustomer c = d.life();
            double death = c.dropoutDay();
            double earlyEnd = death - d.leadDays();
            if (Double.isNaN(death) || death >= PLAN.exportEndDay || earlyEnd - 180 < c.acquisitionDay() + 1) continue;
            for (int i = 1; i < c.purchaseDays().length; i++) {
                double day = c.purchaseDays()[i];
                if (day >= death - 60 && day < death) { lateCount++; lateCents += c.amountCents()[i]; }
                if (day >= earlyEnd - 180 && day < earlyEnd) { earlyCount++; earlyCents += c.amountCents()[i]; }
            }
        }
        return new double[] {(lateCount / 60) / (earlyCount / 180), (lateCents / lateCount) / (earlyCents / earlyCount)};
    }

    @Test
    void rateAndBasketFallOverTheLastMonthsBeforeDropOut() {
        double[] disengaging = lastMonthsOverEarlier(simulate(WORLD));
        double[] abrupt = lastMonthsOverEarlier(simulate(WORLD.withoutDisengagement()));
        // Engagement over the last 60 days of a 150-day lead averages about 0.28; without a lead it stays 1.
        assertThat(disengaging[0]).isLessThan(0.6);
        assertThat(disengaging[1]).isLessThan(0.8);
        assertThat(abrupt[0]).isGreaterThan(0.8);
        assertThat(abrupt[1]).isCloseTo(1.0, within(0.1));
    }

    private static double q4OverQ2(List<DisengagingCustomer> customers) {
        double q2From = PLAN.dayIndex(LocalDate.of(2025, 4, 1)), q2To = PLAN.dayIndex(LocalDate.of(2025, 7, 1));
        double q4From = PLAN.dayIndex(LocalDate.of(2025, 10, 1)), q4To = PLAN.dayIndex(LocalDate.of(2026, 1, 1));
        long q2 = 0, q4 = 0;
        for (DisengagingCustomer d : customers) {
            for (double day : d.life().purchaseDays()) {
                if (day >= q2From && day < q2To) q2++;
                if (day >= q4From && day < q4To) q4++;
            }
        }
        return (double) q4 / q2;
    }

    /**
     * The same customers with and without the season: the ratio of the ratios removes the growth of the customer base
     * between Q2 and Q4. Mean season over Q4 2025 ≈ 1.34, over Q2 ≈ 0.66 with A = 0.4 and the peak on day 340: ~2.
     */
    @Test
    void q4IsAboveQ2ByTheSeasonsRatio() {
        double seasonal = q4OverQ2(simulate(WORLD));
        double flat = q4OverQ2(simulate(WORLD.withoutSeason()));
        assertThat(seasonal).isGreaterThan(1.3);
        assertThat(seasonal / flat).isBetween(1.6, 2.4);
    }

    /**
     * Among customers still engaged 180 days after acquisition, the share whose disengagement began in the following
     * year, for those who had made a return by then against those who had not. With returns raising the hazard
     * (step 1: the hazard doubles after one return) the returners' share is well above; with the step at 0 it is not.
     */
    private static double returnersMinusOthers(List<DisengagingCustomer> customers) {
        int[] n = new int[2];
        int[] onset = new int[2];
        for (DisengagingCustomer d : customers) {
            SimulatedCustomer c = d.life();
            double from = c.acquisitionDay() + 180;
            if (from + 365 >= PLAN.exportEndDay || d.onsetDay() < from) continue;
            int returner = 0;
            for (double r : c.returnDays()) if (r < from) returner = 1;
            n[returner]++;
            if (d.onsetDay() < from + 365) onset[returner]++;
        }
        assertThat(n[1]).as("returners").isGreaterThan(150);
        return (double) onset[1] / n[1] - (double) onset[0] / n[0];
    }

    @Test
    void returnersDisengageSooner() {
        assertThat(returnersMinusOthers(simulate(WORLD))).isGreaterThan(0.1);
        assertThat(returnersMinusOthers(simulate(WORLD.withoutReturnHazard()))).isBetween(-0.08, 0.08);
    }

    /**
     * The truth's probabilities against what happened in the simulated life (independent of the futures): means over
     * the customers known at T, within 4 standard errors of the observed share.
     */
    @Test
    void monteCarloTruthMatchesTheRealisedOutcomes() {
        List<DisengagingCustomer> known = new ArrayList<>(simulate(WORLD));
        known.removeIf(((Predicate<DisengagingCustomer>) d -> d.atCutoff() != null).negate());
        double predictedSilent = 0, silent = 0, predictedAlive = 0, alive = 0;
        for (DisengagingCustomer d : known) {
            double[] days = d.life().purchaseDays();
            predictedSilent += d.truth().pNoPurchase();
            silent += GroundTruth.countBefore(days, PLAN.horizonEndDay) == GroundTruth.countBefore(days, PLAN.truthCutoffDay) ? 1 : 0;
            predictedAlive += d.truth().pAliveAtEnd();
            alive += d.life().droppedOutBefore(PLAN.horizonEndDay) ? 0 : 1;
        }
        int n = known.size();
        assertThat(n).isGreaterThan(4000);
        double tolerance = 4 * 0.5 / Math.sqrt(n);
        assertThat(predictedSilent / n).isCloseTo(silent / n, within(tolerance));
        assertThat(predictedAlive / n).isCloseTo(alive / n, within(tolerance));
        assertThat(silent / n).isBetween(0.3, 0.9);
    }
}
