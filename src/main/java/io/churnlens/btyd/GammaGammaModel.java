package io.churnlens.btyd;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.io.Serializable;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves", after Colombo and
 * Jiang 1999): each purchase value is Gamma(p, nu), and nu varies across customers as Gamma(q, gamma). The mean
 * spend of a customer's x purchases is independent of their purchase count, which is what lets CLV multiply the
 * purchase model by this one.
 *
 * <p>Input: x purchases (here the repeat purchase days) and their positive mean spend. The population mean spend is
 * p gamma / (q - 1), finite only when q > 1.
 *
 * @param p     shape of a purchase value
 * @param q     shape of the customers' nu distribution
 * @param gamma rate of the customers' nu distribution, in money units
 */
public record GammaGammaModel(double p, double q, double gamma) implements Serializable {
    public static final String NAME = "gamma_gamma";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("p", "q", "gamma");

    /**
     * Log density of the mean spend m of x purchases: lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln m
     * + px ln x - (px+q) ln(gamma + m x).
     */
    public double logLikelihood(int x, double meanSpend) {
        return xTerm(x) + spendTerm(x, meanSpend);
    }

    double xTerm(int x) {
        double px = p * x;
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + px * Math.log(x);
    }

    private double spendTerm(int x, double m) {
        double px = p * x;
        return (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + m * x);
    }

    public double logLikelihood(SpendTable table) {
        java.util.Map<Integer, Double> perX = new java.util.HashMap<>();
        double sum = 0;
        for (int i = 0; i < table.rows(); i++) {
            int x = table.x(i);
            double xt = perX.computeIfAbsent(x, this::xTerm);
            sum += table.weight(i) * (xt + spendTerm(x, table.meanSpend(i)));
        }
        return sum;
    }

    /** E[spend per purchase | x, mean m] = p (gamma + m x) / (p x + q - 1); NaN when q <= 1 and x = 0. */
    public double conditionalMeanSpend(int x, double meanSpend) {
        if (x == 0) return populationMeanSpend();
        return p * (gamma + meanSpend * x) / (p * x + q - 1);
    }

    /** p gamma / (q - 1), or NaN when q <= 1 (the mean is infinite). */
    public double populationMeanSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.NaN;
    }
}
