package io.churnlens.btyd;

import static org.apache.commons.math3.special.Gamma.logGamma;

import io.churnlens.btyd.special.BgNbdConditionalMean;
import io.churnlens.btyd.special.Hypergeometric;
import io.churnlens.btyd.special.LogSpace;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while alive a
 * customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) (shape r, rate alpha), and after each
 * purchase drops out with probability p ~ Beta(a, b).
 *
 * <p>Danger (one-time buyers): drop-out can only happen after a purchase, so a customer with x = 0 has
 * P(alive) = 1 however long ago they bought. The CLV stage therefore also reports the Pareto/NBD P(alive), which
 * decays with T for x = 0 (see {@link ParetoNbdModel}).
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate (inverse scale) of the purchase-rate distribution, in model time units
 * @param a     first shape of the drop-out probability distribution
 * @param b     second shape of the drop-out probability distribution
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements TwoPartLikelihood {
    public static final String NAME = "bg_nbd";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("r", "alpha", "a", "b");
    /** Within this distance of a = 1 the closed form has a removable singularity; see expectedPurchases. */
    private static final double A_SINGULARITY_GAP = 1e-4;
    /** Series terms allowed before the integral takes over: about the cost of one quadrature. */
    static final int SERIES_TERMS = 3000;
    /** c / |a-1| beyond this loses more than four digits in the series form's difference. */
    private static final double MAX_CANCELLATION = 1e4;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * log L = lnG(r+x) - lnG(r) + r ln(alpha) + ln B(a, b+x) - ln B(a, b)
     * + log( (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) ), the second sum taken by log-sum-exp.
     * The first line is this x term, the log(...) the {@link #timeTerm} ({@link TwoPartLikelihood}).
     */
    @Override
    public double xTerm(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha)
                + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
    }

    @Override
    public double timeTerm(int x, double tx, double t) {
        double alive = -(r + x) * Math.log(alpha + t);
        if (x == 0) return alive;
        double droppedAtLastPurchase = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return LogSpace.logSumExp(alive, droppedAtLastPurchase);
    }

    /** Sum of weighted log-likelihoods over a compressed table; drop share a/(b+x-1), none at x = 0. */
    @Override
    public double logLikelihood(RfmTable table) {
        return DropAfterPurchaseSum.of(table, this, r, alpha, x -> x == 0 ? Double.NEGATIVE_INFINITY : Math.log(a) - Math.log(b + x - 1));
    }

    /** P(alive | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)); exactly 1 when x = 0. */
    @Override
    public double pAlive(int x, double tx, double t) {
        if (x == 0) return 1.0;
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * FHL (2005) eq. 10: E[Y(t) | x, t_x, T] = P(alive) * [c (1 - q^(r+x)) - q^(r+x) S] / (a - 1), with
     * c = a+b+x-1, q = (alpha+T)/(alpha+T+t), z = t/(alpha+T+t) and S = c (2F1(r+x, b+x; c; z) - 1) summed as a
     * positive series ({@link Hypergeometric#logTail}), which stays valid when c <= 0 (x = 0 and a + b <= 1).
     * Within 1e-4 of a = 1 the expression is 0/0; there the mean of the values at a = 1 +- 1e-4 is returned
     * (the function is smooth in a, so the error is of order 1e-8 relative).
     *
     * <p>Chosen per row: the series is used when it converges within {@value #SERIES_TERMS} terms and the
     * difference loses at most four digits (c <= 1e4 |a-1|); otherwise (z near 1, many purchases, b huge) the same
     * expectation as an integral over the drop-out probability ({@link BgNbdConditionalMean}), whose cost is
     * bounded for every argument and which throws with the arguments rather than return NaN.
     */
    @Override
    public double expectedPurchases(double horizon, int x, double tx, double t) {
        if (horizon <= 0) return 0;
        return pAlive(x, tx, t) * expectedIfAlive(horizon, x, t);
    }

    /**
     * E[Y(horizon) | alive at T, x, T]: the expectation above without the P(alive) factor. MBG/NBD's equals this
     * with b + 1 in place of b ({@link MbgNbdModel}): its customers alive at T survived one more drop-out chance.
     */
    double expectedIfAlive(double horizon, int x, double t) {
        if (horizon <= 0) return 0;
        double ifAlive = Math.abs(a - 1) < A_SINGULARITY_GAP
                ? 0.5 * (expectedIfAlive(1 - A_SINGULARITY_GAP, horizon, x, t)
                        + expectedIfAlive(1 + A_SINGULARITY_GAP, horizon, x, t))
                : expectedIfAlive(a, horizon, x, t);
        if (Double.isNaN(ifAlive)) ifAlive = BgNbdConditionalMean.ifAlive(r + x, b + x, a, horizon / (alpha + t));
        return ifAlive;
    }

    /** The series form, or NaN when it would need more than SERIES_TERMS terms or cancel too many digits. */
    private double expectedIfAlive(double aa, double horizon, int x, double t) {
        double c = aa + b + x - 1;
        if (c > MAX_CANCELLATION * Math.abs(aa - 1)) return Double.NaN;
        double n = r + x;
        double z = horizon / (alpha + t + horizon);
        double logQn = -n * Math.log1p(horizon / (alpha + t));
        double logTail = Hypergeometric.logTail(n, b + x, c, z, SERIES_TERMS);
        if (Double.isNaN(logTail)) return Double.NaN;
        double qnS = Math.exp(logQn + logTail);
        return (c * -Math.expm1(logQn) - qnS) / (aa - 1);
    }
}
