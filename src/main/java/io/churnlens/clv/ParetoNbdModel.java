package io.churnlens.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), in the notation of Fader and Hardie (2005),
 * "A note on deriving the Pareto/NBD model and related expressions": while alive a customer buys as a Poisson
 * process with rate lambda ~ Gamma(r, alpha); the lifetime is exponential with rate mu ~ Gamma(s, beta).
 *
 * <p>Unlike BG/NBD, drop-out happens in continuous time, so a one-time buyer's P(alive) falls as T grows: this is
 * the P(alive) reported for x = 0 customers beside the BG/NBD one.
 *
 * <p>The likelihood needs A0, a difference of two Gaussian hypergeometric terms. The representation is chosen so
 * the argument of 2F1 lies in [0, 1): {@code (alpha-beta)/(alpha+t)} when alpha >= beta, else
 * {@code (beta-alpha)/(beta+t)}; both terms are kept as logarithms and subtracted with {@link LogSpace#logDiffExp}.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in model time units
 * @param s     shape of the drop-out-rate distribution
 * @param beta  rate of the drop-out-rate distribution, in model time units
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta) implements PurchaseModel {
    public static final String NAME = "pareto_nbd";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("r", "alpha", "s", "beta");

    @Override
    public String name() {
        return NAME;
    }

    /**
     * log L = lnG(r+x) - lnG(r) + r ln alpha + s ln beta
     * + log( (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ).
     */
    @Override
    public double logLikelihood(int x, double tx, double t) {
        return xTerm(x) + timeTerm(x, tx, t);
    }

    double xTerm(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    }

    double timeTerm(int x, double tx, double t) {
        double aliveAtT = logAliveAtT(x, t);
        double dropped = Math.log(s / (r + s + x)) + logA0(x, tx, t);
        return LogSpace.logSumExp(aliveAtT, dropped);
    }

    private double logAliveAtT(int x, double t) {
        return -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
    }

    /** log A0 = log( F(t_x) - F(T) ), F(u) = 2F1(...; z(u)) / (max(alpha,beta) + u)^(r+s+x). */
    double logA0(int x, double tx, double t) {
        return LogSpace.logDiffExp(logF(x, tx), logF(x, t));
    }

    private double logF(int x, double u) {
        double rsx = r + s + x;
        if (alpha >= beta) {
            return Hypergeometric.log2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + u)) - rsx * Math.log(alpha + u);
        }
        return Hypergeometric.log2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + u)) - rsx * Math.log(beta + u);
    }

    public double logLikelihood(RfmTable table) {
        int[] xs = table.distinctX();
        double[] perX = new double[xs.length];
        for (int i = 0; i < xs.length; i++) perX[i] = xTerm(xs[i]);
        double sum = 0;
        for (int i = 0; i < table.rows(); i++) {
            sum += table.weight(i) * (perX[table.xIndex(i)] + timeTerm(table.x(i), table.tx(i), table.t(i)));
            if (Double.isNaN(sum)) return sum;      // no point summing the rest
        }
        return sum;
    }

    /** P(alive) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0). */
    @Override
    public double pAlive(int x, double tx, double t) {
        double logOdds = Math.log(s / (r + s + x)) + logA0(x, tx, t) - logAliveAtT(x, t);
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * E[Y(t) | x, t_x, T] = P(alive) (r+x)/(alpha+T) (beta+T)/(s-1) [1 - ((beta+T)/(beta+T+t))^(s-1)]
     * (Fader-Hardie 2005 note, eq. 21); written with expm1 so that s = 1, where the bracket over (s-1) tends to
     * ln((beta+T+t)/(beta+T)), is handled without a special case.
     */
    @Override
    public double expectedPurchases(double horizon, int x, double tx, double t) {
        if (horizon <= 0) return 0;
        double logGrowth = Math.log1p(horizon / (beta + t));
        double sm1 = s - 1;
        double lifetimeFactor = Math.abs(sm1 * logGrowth) < 1e-10
                ? logGrowth
                : -Math.expm1(-sm1 * logGrowth) / sm1;
        return pAlive(x, tx, t) * (r + x) / (alpha + t) * (beta + t) * lifetimeFactor;
    }
}
