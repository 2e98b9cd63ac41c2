package io.churnlens.btyd;

import static io.churnlens.btyd.Quadrature.betaExpectation;
import static io.churnlens.btyd.Quadrature.gammaExpectation;
import static io.churnlens.btyd.Quadrature.gammaUpper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each model's closed-form log-likelihood against a direct numerical integration of the individual-level likelihood
 * over the latent variables (purchase rate, drop-out probability or rate, drop-out time, spend rate). Tolerance:
 * the likelihoods agree to 1e-6 relative, i.e. |LL_closed - log L_integrated| < 1e-6.
 */
class LikelihoodByIntegrationTest {
    private static final double TOLERANCE = 1e-6;
    private static final BgNbdModel BG = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final ParetoNbdModel PARETO = new ParetoNbdModel(0.553, 10.58, 0.606, 11.67);
    private static final ParetoNbdModel PARETO_BETA_ABOVE_ALPHA = new ParetoNbdModel(1.3, 2.0, 0.8, 30.0);
    /** Extreme ratios: beta/alpha = 830 (the Complete Journey estimate), 1e5 and 1e-4. */
    private static final ParetoNbdModel[] PARETO_EXTREMES = {
            new ParetoNbdModel(1.4536, 3.7764, 2.5382, 3135.8),
            new ParetoNbdModel(0.55, 0.1, 0.6, 1e4),
            new ParetoNbdModel(0.55, 10.0, 0.6, 1e-3)};
    /** On the log-likelihood of one customer with hundreds of purchase days (the sums are in the thousands). */
    private static final double MANY_PURCHASES_TOLERANCE = 1e-9;

    @ParameterizedTest(name = "x={0} t_x={1} T={2}")
    @CsvSource({"0,0,38.86", "1,30.43,38.86", "2,1.71,38.86", "14,37.0,37.71", "5,10.0,200", "40,20.0,20.5"})
    void bgNbd(int x, double tx, double t) {
        // L = E_p[(1-p)^x] E_l[l^x e^{-l T}] + [x>0] E_p[p (1-p)^(x-1)] E_l[l^x e^{-l t_x}]
        double aliveP = betaExpectation(p -> Math.pow(1 - p, x), BG.a(), BG.b());
        double aliveL = gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * t), BG.r(), BG.alpha(),
                gammaUpper(BG.r(), BG.alpha(), x, t));
        double integrated = aliveP * aliveL;
        if (x > 0) {
            double deadP = betaExpectation(p -> p * Math.pow(1 - p, x - 1), BG.a(), BG.b());
            double deadL = gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * tx), BG.r(), BG.alpha(),
                    gammaUpper(BG.r(), BG.alpha(), x, tx));
            integrated += deadP * deadL;
        }
        assertThat(BG.logLikelihood(x, tx, t)).isCloseTo(Math.log(integrated), within(TOLERANCE));
    }

    @ParameterizedTest(name = "x={0} t_x={1} T={2}")
    @CsvSource({"0,0,38.86", "1,30.43,38.86", "2,1.71,38.86", "14,37.0,37.71", "5,10.0,200", "25,20.0,20.5"})
    void paretoNbd(int x, double tx, double t) {
        for (ParetoNbdModel m : new ParetoNbdModel[] {PARETO, PARETO_BETA_ABOVE_ALPHA}) {
            assertThat(m.logLikelihood(x, tx, t)).as("%s", m).isCloseTo(Math.log(paretoIntegrated(m, x, tx, t)),
                    within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "x={0} t_x={1} T={2}")
    @CsvSource({"0,0,38.86", "1,30.43,38.86", "2,1.71,38.86", "14,37.0,37.71", "5,10.0,200"})
    void paretoNbdAtExtremeRatios(int x, double tx, double t) {
        for (ParetoNbdModel m : PARETO_EXTREMES) {
            assertThat(m.logLikelihood(x, tx, t)).as("%s", m).isCloseTo(Math.log(paretoIntegrated(m, x, tx, t)),
                    within(TOLERANCE));
        }
    }

    /**
     * Customers with 500 and 1,000 purchase days, where L is far below the double range and the latent-variable
     * integrals above cannot be formed: the purchase and drop-out moments in closed form (Gamma integrals), the
     * integral over the drop-out time numerically in log-time, all in logarithms. Also the table sum (pairs, parallel
     * chunks) against the per-row values.
     */
    @ParameterizedTest(name = "x={0} t_x={1} T={2}")
    @CsvSource({"500,99.0,104.0", "500,20.0,104.0", "1000,100.0,100.5", "1000,50.0,300.0", "650,0.5,0.6"})
    void paretoNbdWithManyPurchaseDays(int x, double tx, double t) {
        ParetoNbdModel[] models = {PARETO, PARETO_BETA_ABOVE_ALPHA, PARETO_EXTREMES[0], PARETO_EXTREMES[1],
                PARETO_EXTREMES[2]};
        for (ParetoNbdModel m : models) {
            double ll = m.logLikelihood(x, tx, t);
            assertThat(ll).as("%s", m).isFinite()
                    .isCloseTo(logParetoByDropoutTime(m, x, tx, t), within(MANY_PURCHASES_TOLERANCE));
            RfmTable one = new RfmTable(new int[] {x, 0}, new double[] {tx, 0}, new double[] {t, t}, new double[] {3, 2});
            assertThat(m.logLikelihood(one)).as("table sum, %s", m)
                    .isCloseTo(3 * ll + 2 * m.logLikelihood(0, 0, t), within(1e-9 * Math.abs(ll)));
        }
    }

    /**
     * log L with L = G [ (alpha+T)^-(r+x) (beta+T)^-s + s int_{t_x}^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau ],
     * G = Gamma(r+x)/Gamma(r) alpha^r beta^s: alive at T, or died at tau in (t_x, T]. The integral is taken in
     * v = ln(alpha + tau) with the integrand divided by its value at t_x (x >= 2 here, so r + x > 1).
     */
    static double logParetoByDropoutTime(ParetoNbdModel m, int x, double tx, double t) {
        double p = m.r() + x, q = m.s() + 1;
        java.util.function.DoubleUnaryOperator logDensity = tau -> -p * Math.log(m.alpha() + tau) - q * Math.log(m.beta() + tau);
        double top = logDensity.applyAsDouble(tx);
        // In v the log-integrand falls at least as fast as -(p-1) v: beyond 50/(p-1) it is below e^-50.
        double from = Math.log(m.alpha() + tx), to = Math.min(Math.log(m.alpha() + t), from + 50 / (p - 1));
        double died = Quadrature.integrate(v -> {
            double tau = Math.exp(v) - m.alpha();
            return Math.exp(v + logDensity.applyAsDouble(tau) - top);
        }, from, to);
        double alive = -p * Math.log(m.alpha() + t) - m.s() * Math.log(m.beta() + t);
        double logDied = Math.log(m.s() * died) + top;
        double logG = org.apache.commons.math3.special.Gamma.logGamma(p) - org.apache.commons.math3.special.Gamma.logGamma(m.r())
                + m.r() * Math.log(m.alpha()) + m.s() * Math.log(m.beta());
        double max = Math.max(alive, logDied);
        return logG + max + Math.log(Math.exp(alive - max) + Math.exp(logDied - max));
    }

    /**
     * L = E[l^x e^{-l T}] E[e^{-m T}] + int_{t_x}^{T} E[l^x e^{-l tau}] E[m e^{-m tau}] d tau: alive at T, or died at
     * tau in (t_x, T] with no purchase after t_x.
     */
    static double paretoIntegrated(ParetoNbdModel m, int x, double tx, double t) {
        double alive = purchaseMoment(m, x, t) * gammaExpectation(mu -> Math.exp(-mu * t), m.s(), m.beta(),
                gammaUpper(m.s(), m.beta(), 0, t));
        double died = Quadrature.integrate(tau -> purchaseMoment(m, x, tau)
                * gammaExpectation(mu -> mu * Math.exp(-mu * tau), m.s(), m.beta(), gammaUpper(m.s(), m.beta(), 1, tau)),
                tx, t);
        return alive + died;
    }

    private static double purchaseMoment(ParetoNbdModel m, int x, double tau) {
        return gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * tau), m.r(), m.alpha(),
                gammaUpper(m.r(), m.alpha(), x, tau));
    }

    @ParameterizedTest(name = "x={0} mean={1}")
    @CsvSource({"1,12.5", "2,40.0", "7,18.2", "30,150.0"})
    void gammaGamma(int x, double mean) {
        GammaGammaModel gg = new GammaGammaModel(6.25, 3.74, 15.44);
        // mean | nu ~ Gamma(p x, nu x); nu ~ Gamma(q, gamma).
        double px = gg.p() * x;
        double logConst = px * Math.log(x) + (px - 1) * Math.log(mean) - org.apache.commons.math3.special.Gamma.logGamma(px);
        double integrated = gammaExpectation(nu -> Math.exp(logConst + px * Math.log(nu) - nu * x * mean),
                gg.q(), gg.gamma(), gammaUpper(gg.q(), gg.gamma(), px, x * mean));
        assertThat(gg.logLikelihood(x, mean)).isCloseTo(Math.log(integrated), within(TOLERANCE));
    }

    @ParameterizedTest(name = "alpha={0} beta={1}")
    @CsvSource({"0.704,1.182", "0.668,3.806", "3.0,0.4"})
    void shiftedBetaGeometric(double alpha, double beta) {
        ShiftedBetaGeometricModel m = new ShiftedBetaGeometricModel(alpha, beta);
        long[] survivors = {1000, 631, 468, 382, 326, 289, 262, 241};
        double integrated = 0;
        for (int t = 1; t < survivors.length; t++) {
            int period = t;
            double pChurn = betaExpectation(th -> th * Math.pow(1 - th, period - 1), alpha, beta);
            integrated += (survivors[t - 1] - survivors[t]) * Math.log(pChurn);
        }
        int k = survivors.length - 1;
        integrated += survivors[k] * Math.log(betaExpectation(th -> Math.pow(1 - th, k), alpha, beta));
        // A sum over 1000 customers: the per-customer tolerance of 1e-6 times the cohort size.
        assertThat(m.logLikelihood(survivors)).isCloseTo(integrated, within(TOLERANCE * survivors[0]));
    }
}
