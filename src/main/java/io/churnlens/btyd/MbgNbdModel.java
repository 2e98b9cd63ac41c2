package io.churnlens.btyd;

import static org.apache.commons.math3.special.Gamma.logGamma;

import io.churnlens.btyd.special.LogSpace;

/**
 * The MBG/NBD model of Batislam, Denizel and Filiztekin (2007): as BG/NBD (purchases Poisson with rate
 * lambda ~ Gamma(r, alpha) while alive, drop-out probability p ~ Beta(a, b)), but the drop-out chance comes at time 0
 * (right after the first purchase) as well as after every repeat purchase. A customer with x repeat purchases had
 * x + 1 chances to leave, so a one-time buyer's P(alive) falls with T, which BG/NBD's never does.
 *
 * <p>Derivation. Given (lambda, p), the customer is alive at T with probability (1-p)^(x+1) and then the data have
 * density lambda^x e^{-lambda T}; or left right after the last purchase (at t_x; at 0 when x = 0) with probability
 * p (1-p)^x and density lambda^x e^{-lambda t_x}. Integrating p over Beta(a, b) and lambda over Gamma(r, alpha):
 * <pre>
 * L = B(a, b+x+1)/B(a,b) G(r+x) alpha^r / (G(r) (alpha+T)^(r+x))
 *   + B(a+1, b+x)/B(a,b) G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x)),
 * </pre>
 * and B(a+1, b+x) / B(a, b+x+1) = a / (b+x), which gives the x term and time term below and
 * P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)) for every x, x = 0 included.
 *
 * <p>Given alive at T, p | data ~ Beta(a, b+x+1) and lambda | data ~ Gamma(r+x, alpha+T): exactly BG/NBD's
 * posterior of a customer alive at T with b + 1 in place of b. The future process is the same (leave after each
 * purchase with probability p), so E[Y(t) | alive] is BG/NBD's with b + 1 (FHL 2005 eq. 10 with b+1), i.e.
 * (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))], taken by
 * {@link BgNbdModel#expectedIfAlive} (its series or its bounded-cost integral).
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate (inverse scale) of the purchase-rate distribution, in model time units
 * @param a     first shape of the drop-out probability distribution
 * @param b     second shape of the drop-out probability distribution
 */
public record MbgNbdModel(double r, double alpha, double a, double b) implements TwoPartLikelihood {
    public static final String NAME = "mbg_nbd";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("r", "alpha", "a", "b");

    @Override
    public String name() {
        return NAME;
    }

    /** lnG(r+x) - lnG(r) + r ln(alpha) + ln B(a, b+x+1) - ln B(a, b). */
    @Override
    public double xTerm(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha)
                + logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1);
    }

    /** log( (alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x) ), the second term present for x = 0 too. */
    @Override
    public double timeTerm(int x, double tx, double t) {
        double alive = -(r + x) * Math.log(alpha + t);
        double dropped = Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx);
        return LogSpace.logSumExp(alive, dropped);
    }

    /** Sum of weighted log-likelihoods over a compressed table; drop share a/(b+x), at x = 0 too. */
    @Override
    public double logLikelihood(RfmTable table) {
        return DropAfterPurchaseSum.of(table, this, r, alpha, x -> Math.log(a) - Math.log(b + x));
    }

    @Override
    public double pAlive(int x, double tx, double t) {
        double logOdds = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    @Override
    public double expectedPurchases(double horizon, int x, double tx, double t) {
        if (horizon <= 0) return 0;
        return pAlive(x, tx, t) * survivorsOfOneMoreChance().expectedIfAlive(horizon, x, t);
    }

    /**
     * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (first purchase at 0). Alive after
     * time 0 with probability 1-p, then (1 - e^{-lambda p t}) / p expected; E over p of (1-p) g(p) is
     * b/(a+b) E[g(p)] under Beta(a, b+1), so E[X(t)] = b/(a+b) E_{BG/NBD with b+1}[Y(t) | alive, x = 0, T = 0]
     * = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))] (Batislam et al. 2007).
     */
    public double expectedRepeatPurchases(double t) {
        if (t <= 0) return 0;
        return b / (a + b) * survivorsOfOneMoreChance().expectedIfAlive(t, 0, 0);
    }

    /** BG/NBD with b + 1: the posterior of MBG/NBD's customers alive at T is that model's (see the class note). */
    private BgNbdModel survivorsOfOneMoreChance() {
        return new BgNbdModel(r, alpha, a, b + 1);
    }
}
