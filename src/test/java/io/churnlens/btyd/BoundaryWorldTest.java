package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitState;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Generated worlds at and near the edges of the purchase models, each asserting the {@link FitState} and, where
 * something is identified, recovery of the truth. Recovery tolerance: 4 of the estimate's own standard errors (a
 * correct estimator fails it with probability ~1e-4 per parameter), with the standard error itself bounded so a
 * useless wide fit cannot pass. Seeds are fixed.
 */
class BoundaryWorldTest {
    /** Budget of these tests' fits: generous for the data sizes here, small enough that a hang shows as FAILED. */
    private static final FitBudget BUDGET = new FitBudget(100_000, 120);

    /** Practically nobody leaves (mean drop-out probability 1e-6 per purchase), observed 26 to 39 weeks. */
    private static final NbdModel NO_DROP_OUT_TRUTH = new NbdModel(0.8, 8.0);

    private static StatisticChunks<RfmTable> noDropOutWorld() {
        return StatisticChunks.onDriver(BtydSimulator.bgNbd(new BgNbdModel(NO_DROP_OUT_TRUTH.r(),
                NO_DROP_OUT_TRUTH.alpha(), 0.001, 1000), 2500, 26, 39, 101).table());
    }

    @Test
    void noDropOutInNineMonthsPutsBgNbdOnTheNbdBoundaryAndTheNbdRecoversTheTruth() {
        NbdModel truth = NO_DROP_OUT_TRUTH;
        Fitted<BgNbdModel> bg = BgNbdFitter.fit(noDropOutWorld(), BUDGET);
        System.out.println("no drop-out world, BG/NBD: " + bg.fit());
        assertAtNoDropOutBoundary(bg);
        Fitted<NbdModel> nbd = bg.noDropOutLimit();
        System.out.println("no drop-out world, NBD limit: " + nbd.fit());
        ParameterRecoveryTest.assertRecovered(nbd.fit(), new double[] {truth.r(), truth.alpha()}, 0.3);
    }

    @Test
    void noDropOutInNineMonthsPutsParetoNbdOnTheSameNbdBoundary() {
        StatisticChunks<RfmTable> table = noDropOutWorld();
        Fitted<ParetoNbdModel> pnbd = ParetoNbdFitter.fit(table, BUDGET);
        System.out.println("no drop-out world, Pareto/NBD: " + pnbd.fit());
        assertAtNoDropOutBoundary(pnbd);
        // The limit is the same model fitted on the same data as BG/NBD's.
        NbdModel nbd = NbdFitter.fit(table, BUDGET).model();
        assertThat(pnbd.noDropOutLimit().model().r()).isCloseTo(nbd.r(), within(1e-6 * nbd.r()));
    }

    @Test
    void everybodyDroppingAtTheFirstRepeatPurchaseIsABoundaryThatIsNotTheNbd() {
        // p = 1 in practice: nobody makes a second repeat purchase. The drop-out distribution degenerates at p = 1,
        // an edge of BG/NBD's parameter space (a/(a+b) -> 1), not an interior estimate; and the NBD, which lets
        // everybody go on buying, explains the data far worse, so there is no NBD fallback from this fit.
        BtydSimulator s = BtydSimulator.bgNbd(new BgNbdModel(0.8, 8.0, 1000, 0.001), 2500, 26, 52, 102);
        assertThat(Arrays.stream(s.x).max().orElseThrow()).isEqualTo(1);
        Fitted<BgNbdModel> bg = BgNbdFitter.fit(StatisticChunks.onDriver(s.table()), BUDGET);
        System.out.println("p = 1 world, BG/NBD: " + bg.fit());
        assertThat(bg.state()).as(bg.fit().toString()).isEqualTo(FitState.BOUNDARY);
        assertThat(bg.noDropOutLimit()).isNull();
        assertThat(bg.purchaseModelToUse()).isEmpty();
        assertThat(bg.fit().verdict()).contains("first repeat purchase").contains("not the no-drop-out limit");
        assertThat(bg.model().a() / (bg.model().a() + bg.model().b())).isGreaterThan(BgNbdFitter.CERTAIN_DROP_OUT);
    }

    @Test
    void mixtureOfTwoVeryDifferentGroups() {
        // Frequent loyal buyers and rare buyers who leave fast, 1500 each: each group alone is identified and
        // recovered; pooled, the mixture is not a BG/NBD, yet the fit must end in a definite state, and when
        // identified its expected purchases over the next 26 weeks must match the truth (each customer's
        // conditional expectation under their own group's true model) within 5% in total.
        BgNbdModel loyal = new BgNbdModel(2.0, 4.0, 0.3, 6.0), fleeting = new BgNbdModel(0.3, 20.0, 2.0, 2.0);
        BtydSimulator a = BtydSimulator.bgNbd(loyal, 1500, 26, 52, 103), b = BtydSimulator.bgNbd(fleeting, 1500, 26, 52, 104);
        for (Object[] group : new Object[][] {{a, loyal}, {b, fleeting}}) {
            BgNbdModel truth = (BgNbdModel) group[1];
            Fitted<BgNbdModel> fit = BgNbdFitter.fit(StatisticChunks.onDriver(((BtydSimulator) group[0]).table()), BUDGET);
            System.out.println("mixture group " + truth + ": " + fit.fit());
            ParameterRecoveryTest.assertRecovered(fit.fit(), new double[] {truth.r(), truth.alpha(), truth.a(), truth.b()},
                    Double.POSITIVE_INFINITY);
        }
        int[] x = concat(a.x, b.x);
        double[] tx = concat(a.tx, b.tx), t = concat(a.t, b.t);
        Fitted<BgNbdModel> pooled = BgNbdFitter.fit(StatisticChunks.onDriver(RfmTable.ofCustomers(x, tx, t)), BUDGET);
        System.out.println("mixture pooled: " + pooled.fit());
        assertThat(pooled.state()).as(pooled.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        double predicted = 0, truth = 0;
        for (int i = 0; i < x.length; i++) {
            predicted += pooled.model().expectedPurchases(26, x[i], tx[i], t[i]);
            truth += (i < a.x.length ? loyal : fleeting).expectedPurchases(26, x[i], tx[i], t[i]);
        }
        System.out.printf("mixture: predicted %.1f vs true conditional expectation %.1f purchases in 26 weeks%n", predicted, truth);
        assertThat(predicted).isCloseTo(truth, within(0.05 * truth));
    }

    @Test
    void nbdIsTheBgNbdAndParetoNbdLimitWithoutDropOut() {
        // The nesting the likelihood-ratio test relies on, checked on the closed forms: BG/NBD at a -> 0 and
        // Pareto/NBD at s -> 0 give the NBD log-likelihood for the same (x, t_x, T), to 1e-6.
        NbdModel nbd = new NbdModel(0.7, 5.0);
        BgNbdModel bg = new BgNbdModel(0.7, 5.0, 1e-9, 3.0);
        ParetoNbdModel pnbd = new ParetoNbdModel(0.7, 5.0, 1e-9, 4.0);
        int[][] cases = {{0, 0, 10}, {1, 3, 10}, {5, 9, 12}, {20, 30, 31}};
        for (int[] c : cases) {
            double expected = nbd.logLikelihood(c[0], c[1], c[2]);
            assertThat(bg.logLikelihood(c[0], c[1], c[2])).isCloseTo(expected, within(1e-6));
            assertThat(pnbd.logLikelihood(c[0], c[1], c[2])).isCloseTo(expected, within(1e-6));
            assertThat(nbd.expectedPurchases(4, c[0], c[1], c[2]))
                    .isCloseTo(bg.expectedPurchases(4, c[0], c[1], c[2]), within(1e-6));
        }
        RfmTable table = RfmTable.ofCustomers(new int[] {0, 1, 5, 5}, new double[] {0, 3, 9, 9}, new double[] {10, 10, 12, 12});
        double sum = 0;
        for (int i = 0; i < table.rows(); i++) sum += table.weight(i) * nbd.logLikelihood(table.x(i), table.tx(i), table.t(i));
        assertThat(nbd.logLikelihood(table)).isCloseTo(sum, within(1e-12 * Math.abs(sum)));
    }

    @Test
    void aSpentBudgetIsAFailedFitWithTheReason() {
        BtydSimulator s = BtydSimulator.bgNbd(new BgNbdModel(0.5, 6.0, 0.8, 2.5), 1000, 26, 52, 105);
        Fitted<BgNbdModel> fit = BgNbdFitter.fit(StatisticChunks.onDriver(s.table()), new FitBudget(50, 60));
        System.out.println("budget of 50 evaluations: " + fit.fit());
        assertThat(fit.state()).isEqualTo(FitState.FAILED);
        assertThat(fit.fit().verdict()).contains("budget of 50 evaluations / 60 s exhausted");
        assertThat(fit.purchaseModelToUse()).isEmpty();
        Fitted<BgNbdModel> timed = BgNbdFitter.fit(StatisticChunks.onDriver(s.table()), new FitBudget(100_000, 1e-9));
        assertThat(timed.state()).isEqualTo(FitState.FAILED);
        assertThat(timed.fit().verdict()).contains("exhausted");
    }

    private static void assertAtNoDropOutBoundary(Fitted<? extends PurchaseModel> fit) {
        assertThat(fit.state()).as(fit.fit().toString()).isEqualTo(FitState.BOUNDARY);
        assertThat(fit.fit().verdict()).startsWith(NoDropOutCheck.NO_DROP_OUT);
        assertThat(fit.noDropOutLimit()).isNotNull();
        assertThat(fit.noDropOutLimit().state()).isEqualTo(FitState.IDENTIFIED);
        assertThat(fit.purchaseModelToUse()).containsInstanceOf(NbdModel.class);
        // The comparison itself: the full model gains less than the critical value over the NBD.
        assertThat(2 * (fit.fit().logLikelihood() - fit.noDropOutLimit().fit().logLikelihood()))
                .isLessThan(NoDropOutCheck.CRITICAL_VALUE);
        assertThat(fit.fit().converged()).isFalse();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
