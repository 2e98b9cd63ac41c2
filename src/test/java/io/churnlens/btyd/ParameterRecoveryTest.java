package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;

import org.junit.jupiter.api.Test;

/**
 * Simulate with known parameters, fit, and recover every parameter. Tolerance: each estimate within 4 of its own
 * standard errors of the truth (a 4-sigma band: a correct estimator fails it with probability ~1e-4 per parameter),
 * and the standard error itself below the stated fraction of the true value so that a useless, very wide fit cannot
 * pass. Seeds are fixed, so the outcome is reproducible.
 */
class ParameterRecoveryTest {
    private static final BgNbdModel BG_TRUTH = new BgNbdModel(0.5, 6.0, 0.8, 2.5);

    @Test
    void bgNbdUsualWindow() {
        assertBgNbdRecovered(4000, 26, 52, 11);
    }

    @Test
    void bgNbdVeryShortWindow() {
        // Two to four weeks of history for customers buying every ~12 weeks: few repeat purchases, yet 5000
        // customers still identify the drop-out (likelihood-ratio statistic ~16 against the NBD). The band is
        // 4 standard errors; the SE bound is looser (the drop-out shapes' SEs are 1-2 times their values).
        Fitted<BgNbdModel> fit = bgNbdFit(5000, 2, 4, 12);
        assertThat(fit.state()).as(fit.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        assertRecovered(fit.fit(), new double[] {0.5, 6.0, 0.8, 2.5}, 2.5);
    }

    @Test
    void bgNbdWindowOfDaysIsTheNoDropOutBoundary() {
        // Half a week to a week for the same customers: hardly anybody has had a chance to drop out, so the
        // drop-out process is not identified (BOUNDARY, the NBD named and fitted), while the purchase-rate
        // distribution is: the NBD limit recovers the true r and alpha within 4 of its standard errors.
        Fitted<BgNbdModel> fit = bgNbdFit(5000, 0.5, 1, 12);
        assertThat(fit.state()).as(fit.fit().toString()).isEqualTo(FitState.BOUNDARY);
        assertThat(fit.fit().verdict()).startsWith(NoDropOutCheck.NO_DROP_OUT);
        assertThat(fit.purchaseModelToUse()).containsInstanceOf(NbdModel.class);
        System.out.println("recovery NBD limit T in [0.5,1]: " + fit.noDropOutLimit().fit());
        assertRecovered(fit.noDropOutLimit().fit(), new double[] {0.5, 6.0}, 0.8);
    }

    @Test
    void paretoNbd() {
        assertParetoNbdRecovered(3000, 26, 78, 21);
    }

    @Test
    void bgNbdVeryLongWindow() {
        assertBgNbdRecovered(3000, 500, 1000, 13);
    }

    @Test
    void bgNbdCustomersWithHundredsOfPurchaseDays() {
        // Issue 12 item 6: a third of the customers have 500+ purchase days (up to ~2,200): the likelihood's terms
        // are far outside the double range and the expectation's 2F1 has c = a+b+x-1 in the thousands (with a near
        // 1 that is the integral form). Identified, the truth recovered, every expectation finite.
        BgNbdModel truth = new BgNbdModel(4.0, 0.5, 0.9, 600);
        BtydSimulator s = BtydSimulator.bgNbd(truth, 3000, 52, 104, 31);
        assertThat(java.util.Arrays.stream(s.x).filter(x -> x >= 500).count()).isGreaterThan(500);
        Fitted<BgNbdModel> fit = BgNbdFitter.fit(s.table());
        System.out.println("recovery BG/NBD 500+ purchase days: " + fit.fit());
        assertThat(fit.state()).as(fit.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        assertRecovered(fit.fit(), new double[] {4.0, 0.5, 0.9, 600}, 0.3);
        for (int i = 0; i < s.x.length; i++) {
            assertThat(fit.model().expectedPurchases(52, s.x[i], s.tx[i], s.t[i])).as("customer %d", i)
                    .isFinite().isNotNegative();
        }
    }

    @Test
    void paretoNbdLongWindow() {
        assertParetoNbdRecovered(2000, 300, 600, 22);
    }

    @Test
    void gammaGamma() {
        GammaGammaModel truth = new GammaGammaModel(6.0, 4.0, 15.0);
        Fitted<GammaGammaModel> fit = GammaGammaFitter.fit(BtydSimulator.gammaGamma(truth, 3000, 8, 31));
        System.out.println("recovery Gamma-Gamma: " + fit.fit());
        assertRecovered(fit.fit(), new double[] {6.0, 4.0, 15.0}, 0.3);
    }

    @Test
    void shiftedBetaGeometric() {
        ShiftedBetaGeometricModel truth = new ShiftedBetaGeometricModel(0.7, 1.2);
        long[] survivors = BtydSimulator.shiftedBetaGeometric(truth, 20_000, 12, 41);
        Fitted<ShiftedBetaGeometricModel> fit = ShiftedBetaGeometricFitter.fit(survivors);
        System.out.println("recovery sBG: " + fit.fit());
        assertRecovered(fit.fit(), new double[] {0.7, 1.2}, 0.2);
    }

    /** BG_TRUTH simulated with T uniform in [from, to] weeks, fitted, every parameter recovered (SE below 0.5 x). */
    private static void assertBgNbdRecovered(int customers, double from, double to, long seed) {
        assertRecovered(bgNbdFit(customers, from, to, seed).fit(), new double[] {0.5, 6.0, 0.8, 2.5}, 0.5);
    }

    /** BG_TRUTH simulated with T uniform in [from, to] weeks and fitted. */
    private static Fitted<BgNbdModel> bgNbdFit(int customers, double from, double to, long seed) {
        BtydSimulator s = BtydSimulator.bgNbd(BG_TRUTH, customers, from, to, seed);
        return printed("BG/NBD", from, to, BgNbdFitter.fit(s.table()));
    }

    /** r 0.6, alpha 8, s 0.8, beta 12 simulated, fitted, every parameter recovered (SE below 0.6 x). */
    private static void assertParetoNbdRecovered(int customers, double from, double to, long seed) {
        ParetoNbdModel truth = new ParetoNbdModel(0.6, 8.0, 0.8, 12.0);
        BtydSimulator s = BtydSimulator.paretoNbd(truth, customers, from, to, seed);
        assertRecovered(printed("Pareto/NBD", from, to, ParetoNbdFitter.fit(s.table())).fit(),
                new double[] {0.6, 8.0, 0.8, 12.0}, 0.6);
    }

    private static <M extends java.io.Serializable> Fitted<M> printed(String model, double from, double to, Fitted<M> fit) {
        System.out.printf(java.util.Locale.ROOT, "recovery %s T in [%.4g,%.4g]: %s%n", model, from, to, fit.fit());
        return fit;
    }

    static void assertRecovered(ModelFit fit, double[] truth, double maxRelativeSe) {
        assertThat(fit.converged()).as(fit.toString()).isTrue();
        for (int i = 0; i < truth.length; i++) {
            String name = fit.parameterNames().get(i);
            double se = fit.standardErrors()[i];
            assertThat(se).as("SE of %s in %s", name, fit).isPositive().isLessThan(maxRelativeSe * truth[i]);
            assertThat(fit.values()[i]).as("%s in %s", name, fit).isCloseTo(truth[i], within(4 * se));
        }
    }
}
