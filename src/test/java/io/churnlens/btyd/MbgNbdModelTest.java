package io.churnlens.btyd;

import static io.churnlens.btyd.Quadrature.betaExpectation;
import static io.churnlens.btyd.Quadrature.gammaExpectation;
import static io.churnlens.btyd.Quadrature.gammaUpper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.churnlens.btyd.fit.FitState;

import java.nio.file.Files;
import java.time.LocalDate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MBG/NBD against the model's assumptions computed another way: likelihood, P(alive), conditional expected purchases
 * and E[X(t)] by numerical integration over (lambda, p) with the test oracle {@link Quadrature} (no closed form, no
 * 2F1), to 1e-7 relative (1e-6 absolute on the log-likelihood); a fit on simulated data recovering its parameters;
 * and the published CDNOW values r = 0.525, alpha = 6.183, a = 0.891, b = 1.614 within 1% (statistics read straight
 * from the file; clv.CdnowThroughIngestTest takes the user's path).
 */
class MbgNbdModelTest {
    private static final double TOLERANCE = 1e-7;
    private static final MbgNbdModel CDNOW = new MbgNbdModel(0.525, 6.183, 0.891, 1.614);
    private static final MbgNbdModel SMALL_AB = new MbgNbdModel(0.8, 3.0, 0.3, 0.5);

    @ParameterizedTest(name = "x={0} t_x={1} T={2} horizon={3}")
    @CsvSource({"0,0,38.0,52", "0,0,2.0,52", "20,37.5,38.0,13", "3,2.0,38.0,52", "1,30.0,39.0,4.35"})
    void likelihoodPAliveAndExpectedPurchasesByIntegration(int x, double tx, double t, double horizon) {
        for (MbgNbdModel m : new MbgNbdModel[] {CDNOW, SMALL_AB}) {
            // Alive at T after x + 1 drop-out chances, or left right after the last purchase (time 0 when x = 0).
            double alive = betaExpectation(p -> Math.pow(1 - p, x + 1), m.a(), m.b())
                    * purchaseMoment(m, x, t);
            double dropped = betaExpectation(p -> p * Math.pow(1 - p, x), m.a(), m.b()) * purchaseMoment(m, x, tx);
            double likelihood = alive + dropped;
            assertThat(m.logLikelihood(x, tx, t)).as("LL %s", m).isCloseTo(Math.log(likelihood), within(1e-6));
            assertThat(m.pAlive(x, tx, t)).as("P(alive) %s", m)
                    .isCloseTo(alive / likelihood, within(TOLERANCE * alive / likelihood));
            double future = betaExpectation(p -> Math.pow(1 - p, x + 1) / p * gammaExpectation(
                    l -> Math.pow(l, x) * Math.exp(-l * t) * -Math.expm1(-l * p * horizon), m.r(), m.alpha(),
                    gammaUpper(m.r(), m.alpha(), x, t)), m.a(), m.b());
            assertThat(m.expectedPurchases(horizon, x, tx, t)).as("E[Y] %s", m)
                    .isCloseTo(future / likelihood, within(TOLERANCE * future / likelihood));
        }
    }

    @ParameterizedTest(name = "t={0}")
    @CsvSource({"1", "78"})
    void expectedRepeatPurchasesOfANewCustomerByIntegration(double t) {
        for (MbgNbdModel m : new MbgNbdModel[] {CDNOW, SMALL_AB}) {
            double expected = betaExpectation(p -> (1 - p) / p * gammaExpectation(l -> -Math.expm1(-l * p * t),
                    m.r(), m.alpha(), gammaUpper(m.r(), m.alpha(), 0, 0)), m.a(), m.b());
            assertThat(m.expectedRepeatPurchases(t)).as("E[X(t)] %s", m).isCloseTo(expected, within(TOLERANCE * expected));
        }
    }

    @Test
    void oneTimeBuyersFadeWithAgeUnlikeBgNbd() {
        BgNbdModel bg = new BgNbdModel(CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b());
        assertThat(bg.pAlive(0, 0, 60)).isEqualTo(1.0);
        assertThat(CDNOW.pAlive(0, 0, 60)).isLessThan(CDNOW.pAlive(0, 0, 10)).isLessThan(CDNOW.pAlive(0, 0, 1));
        // At T -> 0 the one-time buyer had one chance to leave: P(alive) -> 1 - E[p] = b/(a+b).
        assertThat(CDNOW.pAlive(0, 0, 1e-9)).isCloseTo(CDNOW.b() / (CDNOW.a() + CDNOW.b()), within(1e-9));
    }

    @Test
    void fitRecoversSimulatedParametersAndTheTableSumMatchesRows() {
        MbgNbdModel truth = new MbgNbdModel(0.6, 5.0, 0.9, 2.0);
        BtydSimulator s = BtydSimulator.mbgNbd(truth, 6000, 20, 60, 17);
        RfmTable table = s.table();
        double rows = 0;
        for (int i = 0; i < table.rows(); i++) rows += table.weight(i) * truth.logLikelihood(table.x(i), table.tx(i), table.t(i));
        assertThat(truth.logLikelihood(table)).isCloseTo(rows, within(1e-9 * Math.abs(rows)));
        Fitted<MbgNbdModel> f = MbgNbdFitter.fit(table);
        System.out.println("MBG/NBD on simulated MBG/NBD data: " + f.fit());
        assertThat(f.state()).as(f.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        double[] est = f.fit().values(), se = f.fit().standardErrors(), want = {0.6, 5.0, 0.9, 2.0};
        for (int i = 0; i < 4; i++) {
            assertThat(est[i]).as("%s", f.fit().parameterNames().get(i)).isCloseTo(want[i], within(3 * se[i]));
        }
    }

    @Test
    void cdnowReproducesThePublishedValues() throws Exception {
        Assumptions.assumeTrue(Files.exists(CdnowSample.FILE), "CDNOW sample not found; skipped");
        CdnowSample cdnow = CdnowSample.read(LocalDate.of(1997, 9, 30));
        Fitted<MbgNbdModel> f = MbgNbdFitter.fit(RfmTable.ofCustomers(cdnow.x, cdnow.tx, cdnow.t));
        System.out.println("CDNOW MBG/NBD: " + f.fit());
        assertThat(f.state()).as(f.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        assertThat(f.model().r()).isCloseTo(0.525, withinPercentage(1));
        assertThat(f.model().alpha()).isCloseTo(6.183, withinPercentage(1));
        assertThat(f.model().a()).isCloseTo(0.891, withinPercentage(1));
        assertThat(f.model().b()).isCloseTo(1.614, withinPercentage(1));
    }

    private static double purchaseMoment(MbgNbdModel m, int x, double tau) {
        return gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * tau), m.r(), m.alpha(),
                gammaUpper(m.r(), m.alpha(), x, tau));
    }
}
