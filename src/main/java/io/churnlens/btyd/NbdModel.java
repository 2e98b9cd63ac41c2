package io.churnlens.btyd;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The NBD without drop-out (Ehrenberg 1959): every customer buys as a Poisson process with rate
 * lambda ~ Gamma(r, alpha) and never leaves. It is the limit of BG/NBD as the drop-out probability goes to 0
 * (a -> 0 or b -> infinity) and of Pareto/NBD as the drop-out rate goes to 0 (s -> 0 or beta -> infinity), so its
 * log-likelihood is directly comparable with theirs on the same (x, t_x, T): the nested model of the
 * likelihood-ratio test in {@link NoDropOutCheck}, and the fallback when no drop-out is identified.
 *
 * <p>Given (x, t_x, T): P(alive) = 1, and lambda | x, T ~ Gamma(r + x, alpha + T), so
 * E[Y(t) | x, T] = t (r + x) / (alpha + T). The purchase times enter only through T.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in model time units
 */
public record NbdModel(double r, double alpha) implements PurchaseModel {
    public static final String NAME = "nbd";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("r", "alpha");

    @Override
    public String name() {
        return NAME;
    }

    /** log L = lnG(r+x) - lnG(r) + r ln(alpha) - (r+x) ln(alpha+T), the BG/NBD likelihood at a = 0. */
    @Override
    public double logLikelihood(int x, double tx, double t) {
        return xTerm(x) - (r + x) * Math.log(alpha + t);
    }

    private double xTerm(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
    }

    /** Sum of weighted log-likelihoods over a compressed table; per-x and per-time terms computed once. */
    @Override
    public double logLikelihood(RfmTable table) {
        int[] xs = table.distinctX();
        double[] perX = new double[xs.length];
        for (int i = 0; i < xs.length; i++) perX[i] = xTerm(xs[i]);
        double[] times = table.distinctTimes();
        double[] logAlphaPlus = new double[times.length];
        for (int i = 0; i < times.length; i++) logAlphaPlus[i] = Math.log(alpha + times[i]);
        double sum = 0;
        for (int i = 0; i < table.rows(); i++) {
            sum += table.weight(i) * (perX[table.xIndex(i)] - (r + table.x(i)) * logAlphaPlus[table.tIndex(i)]);
        }
        return sum;
    }

    /** Nobody leaves in this model. */
    @Override
    public double pAlive(int x, double tx, double t) {
        return 1.0;
    }

    @Override
    public double expectedPurchases(double horizon, int x, double tx, double t) {
        return horizon <= 0 ? 0 : horizon * (r + x) / (alpha + t);
    }
}
