package io.churnlens.btyd;

import static org.apache.commons.math3.special.Gamma.logGamma;

import io.churnlens.btyd.special.ChunkedSum;
import io.churnlens.btyd.special.LogSpace;
import io.churnlens.btyd.special.ParetoTailIntegral;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), in the notation of Fader and Hardie (2005),
 * "A note on deriving the Pareto/NBD model and related expressions": while alive a customer buys as a Poisson
 * process with rate lambda ~ Gamma(r, alpha); the lifetime is exponential with rate mu ~ Gamma(s, beta).
 *
 * <p>Unlike BG/NBD, drop-out happens in continuous time, so a one-time buyer's P(alive) falls as T grows: this is
 * the P(alive) reported for x = 0 customers beside the BG/NBD one.
 *
 * <p>The likelihood needs A0, a difference of two Gaussian hypergeometric terms F(t_x) - F(T) ({@link #logF}),
 * each evaluated with bounded cost whatever alpha/beta and x ({@link ParetoTailIntegral}: a positive series when it
 * converges fast, Euler's integral by quadrature otherwise); both are kept as logarithms and subtracted in
 * log-space.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in model time units
 * @param s     shape of the drop-out-rate distribution
 * @param beta  rate of the drop-out-rate distribution, in model time units
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta) implements TwoPartLikelihood {
    public static final String NAME = "pareto_nbd";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("r", "alpha", "s", "beta");

    @Override
    public String name() {
        return NAME;
    }

    /**
     * log L = lnG(r+x) - lnG(r) + r ln alpha + s ln beta
     * + log( (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ).
     * The first line is this x term, the log(...) the {@link #timeTerm} ({@link TwoPartLikelihood}).
     */
    @Override
    public double xTerm(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    }

    @Override
    public double timeTerm(int x, double tx, double t) {
        double aliveAtT = logAliveAtT(x, t);
        double dropped = Math.log(s / (r + s + x)) + logA0(x, tx, t);
        return LogSpace.logSumExp(aliveAtT, dropped);
    }

    private double logAliveAtT(int x, double t) {
        return -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
    }

    /**
     * log A0 = log( F(t_x) - F(T) ), F(u) = (r+s+x) int_u^inf (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau
     * = u0^-(r+s+x) 2F1(r+s+x, k; r+s+x+1; -delta) with u0 = min(alpha, beta) + u, delta = |beta - alpha| / u0 and k
     * the exponent of the larger factor ({@link ParetoTailIntegral}). This is the Fader-Hardie A0 with each 2F1
     * replaced by its Pfaff transform (their alpha >= beta form when alpha < beta and vice versa), whose series has
     * positive terms with ratio below 1 and, where that is still slow, by Euler's integral.
     */
    double logA0(int x, double tx, double t) {
        return LogSpace.logDiffExp(logF(x, tx), logF(x, t));
    }

    double logF(int x, double u) {
        double rsx = r + s + x;
        double base = Math.min(alpha, beta) + u;
        double delta = Math.abs(beta - alpha) / base;
        double k = beta > alpha ? s + 1 : r + x;
        return ParetoTailIntegral.log2F1(rsx, k, delta) - rsx * Math.log(base);
    }

    @Override
    public double logLikelihood(RfmTable table) {
        return logLikelihood(ParetoNbdRows.of(table));
    }

    /**
     * Sum of weighted log-likelihoods. Per-x terms, log(alpha + time) and log(beta + time) per distinct time and F
     * per distinct (x, time) pair are computed once (the pairs in parallel); the rows are then summed in fixed chunks
     * on the driver's cores, in the same order on every call (see {@link ChunkedSum}).
     */
    double logLikelihood(ParetoNbdRows rows) {
        RfmTable table = rows.table();
        int[] xs = table.distinctX();
        double[] perX = new double[xs.length], logShare = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            perX[i] = xTerm(xs[i]);
            logShare[i] = Math.log(s / (r + s + xs[i]));
        }
        double[] times = table.distinctTimes();
        double[] logAlphaPlus = new double[times.length], logBetaPlus = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            logAlphaPlus[i] = Math.log(alpha + times[i]);
            logBetaPlus[i] = Math.log(beta + times[i]);
        }
        double[] f = new double[rows.pairs()];
        ChunkedSum.fill(rows.pairs(), p -> logF(rows.pairX(p), rows.pairTime(p)), f);
        return ChunkedSum.sum(table.rows(), (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                int x = table.x(i), xi = table.xIndex(i), ti = table.tIndex(i);
                double alive = -(r + x) * logAlphaPlus[ti] - s * logBetaPlus[ti];
                double f1 = f[rows.txPair(i)];
                sum += table.weight(i) * (perX[xi] + logAliveOrDropped(alive, logShare[xi] + f1, f[rows.tPair(i)] - f1));
            }
            return sum;
        });
    }

    /**
     * log(e^alive + e^dropTop (1 - e^d)) for d <= 0, the row's time term with dropTop = log(s/(r+s+x)) + F(t_x) and
     * d = F(T) - F(t_x): one exp for 1 - e^d (a Taylor polynomial, relative error below 1e-18, when |d| < 1e-3;
     * rounding can give d >= 0 when t_x = T, which counts as 1 - e^d = 0), one exp and one log for the sum of two
     * positive terms, which is never a cancellation. Math.exp and Math.log are intrinsics, expm1 and log1p are not,
     * and a sum of log-likelihoods needs ~1e-16 absolute accuracy per row, which these give.
     */
    private static double logAliveOrDropped(double alive, double dropTop, double d) {
        double oneMinus;
        if (!(d < 0)) oneMinus = 0;
        else if (d > -1e-3) oneMinus = -d * (1 + d * (0.5 + d * (1.0 / 6 + d * (1.0 / 24 + d / 120))));
        else oneMinus = 1 - Math.exp(d);
        if (alive >= dropTop) return alive + Math.log(1 + Math.exp(dropTop - alive) * oneMinus);
        return dropTop + Math.log(Math.exp(alive - dropTop) + oneMinus);
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
