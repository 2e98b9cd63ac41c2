package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Degenerate inputs: each fit either is sensible or says clearly that it did not converge; a non-converged fit is
 * never usable ({@link Fitted#usableModel()} throws with the reason).
 */
class EdgeCaseFitTest {
    private static final BgNbdModel TRUTH = new BgNbdModel(0.5, 6.0, 0.8, 2.5);

    @Test
    void allOneTimeBuyersDoNotIdentifyBgNbd() {
        // Every x = 0: the likelihood is (alpha/(alpha+T))^r, free of a and b, so the fit cannot converge.
        int n = 500;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = 5 + 10 * (i % 4);   // few distinct rows keep this degenerate fit quick
        RfmTable table = RfmTable.ofCustomers(new int[n], new double[n], t);
        assertNotConvergedClearly(BgNbdFitter.fit(table));
        assertNotConvergedClearly(ParetoNbdFitter.fit(table));
    }

    @Test
    void singleCustomerDoesNotIdentifyFourParameters() {
        RfmTable table = RfmTable.ofCustomers(new int[] {3}, new double[] {10}, new double[] {20});
        assertNotConvergedClearly(BgNbdFitter.fit(table));
    }

    @Test
    void identicalCustomersDoNotIdentifyTheMixture() {
        int n = 1000;
        int[] x = new int[n];
        double[] tx = new double[n], t = new double[n];
        Arrays.fill(x, 2);
        Arrays.fill(tx, 5);
        Arrays.fill(t, 10);
        assertNotConvergedClearly(BgNbdFitter.fit(RfmTable.ofCustomers(x, tx, t)));
        double[] spend = new double[n];
        Arrays.fill(spend, 25.0);
        assertNotConvergedClearly(GammaGammaFitter.fit(SpendTable.ofCustomers(x, spend)));
    }

    @Test
    void extremeTimeScalesGiveTheSameFitInOtherUnits() {
        // The same customers measured in units 10^4 times smaller and larger: alpha scales by the factor, r, a, b
        // are unchanged, and LL shifts by -sum(x) ln(factor) (the t_x density changes unit). Tolerance 1e-5 relative.
        BtydSimulator s = BtydSimulator.bgNbd(TRUTH, 2000, 26, 52, 5);
        Fitted<BgNbdModel> base = BgNbdFitter.fit(s.table());
        assertThat(base.converged()).isTrue();
        long sumX = Arrays.stream(s.x).asLongStream().sum();
        for (double factor : new double[] {1e-4, 1e4}) {
            double[] tx = Arrays.stream(s.tx).map(v -> v * factor).toArray();
            double[] t = Arrays.stream(s.t).map(v -> v * factor).toArray();
            Fitted<BgNbdModel> scaled = BgNbdFitter.fit(RfmTable.ofCustomers(s.x, tx, t));
            assertThat(scaled.converged()).as(scaled.fit().note()).isTrue();
            BgNbdModel m = scaled.model(), b = base.model();
            assertThat(m.alpha()).isCloseTo(b.alpha() * factor, within(1e-5 * b.alpha() * factor));
            assertThat(m.r()).isCloseTo(b.r(), within(1e-5 * b.r()));
            assertThat(m.a()).isCloseTo(b.a(), within(1e-5 * b.a()));
            assertThat(m.b()).isCloseTo(b.b(), within(1e-5 * b.b()));
            double expectedLl = base.fit().logLikelihood() - sumX * Math.log(factor);
            assertThat(scaled.fit().logLikelihood()).isCloseTo(expectedLl, within(1e-5 * Math.abs(expectedLl)));
        }
    }

    @Test
    void oneTimeBuyersAreAliveUnderBgNbdButFadeUnderParetoNbd() {
        // The known BG/NBD trap, and how we report it: x = 0 gives P(alive) = 1 at any age under BG/NBD, while the
        // Pareto/NBD P(alive) falls with T (it equals E[e^{-mu T} | no purchase], strictly decreasing in T).
        BgNbdModel bg = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        ParetoNbdModel pnbd = new ParetoNbdModel(0.553, 10.58, 0.606, 11.67);
        assertThat(bg.pAlive(0, 0, 1)).isEqualTo(1.0);
        assertThat(bg.pAlive(0, 0, 500)).isEqualTo(1.0);
        double young = pnbd.pAlive(0, 0, 1), old = pnbd.pAlive(0, 0, 39), ancient = pnbd.pAlive(0, 0, 500);
        assertThat(young).isGreaterThan(old);
        assertThat(old).isGreaterThan(ancient);
        assertThat(ancient).isLessThan(0.5);
    }

    @Test
    void sbgWithNoChurnDoesNotConverge() {
        // Nobody ever leaves: the churn probability runs to 0 (alpha -> 0), a boundary, not a fitted value.
        assertNotConvergedClearly(ShiftedBetaGeometricFitter.fit(new long[] {100, 100, 100, 100}));
    }

    @Test
    void sbgReproducesFaderHardie2007RegularCustomers() {
        // Fader & Hardie (2007), "How to project customer retention", regular segment, 7 years:
        // alpha = 0.704, beta = 1.182 (within 1%).
        Fitted<ShiftedBetaGeometricModel> fit =
                ShiftedBetaGeometricFitter.fit(new long[] {1000, 631, 468, 382, 326, 289, 262, 241});
        System.out.println("sBG regular: " + fit.fit());
        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().alpha()).isCloseTo(0.704, within(0.01 * 0.704));
        assertThat(fit.model().beta()).isCloseTo(1.182, within(0.01 * 1.182));
    }

    private static void assertNotConvergedClearly(Fitted<?> fit) {
        System.out.println("edge case: " + fit.fit());
        assertThat(fit.converged()).as(fit.fit().toString()).isFalse();
        assertThat(fit.fit().note()).isNotBlank();
        org.assertj.core.api.Assertions.assertThatThrownBy(fit::usableModel)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not identified");
    }
}
