package io.churnlens.simulate;

/**
 * Closed forms of the BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way") that the
 * ground truth needs, written here so the generator depends on no other package.
 *
 * <p>The story: while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α) (α a rate in the unit of
 * time, weeks here); right after each <em>repeat</em> purchase they drop out with probability p ~ Beta(a, b). The
 * first purchase (time 0) is not followed by a drop-out coin: the likelihood of FHL 2005 has no such term, which is
 * why a customer with no repeat purchase has P(alive) = 1 however long ago they bought.
 *
 * <p>Computed in log space so long histories (large x, large T) neither overflow nor lose precision.
 */
public final class BgNbd {
    private BgNbd() {}

    /**
     * P(alive at T | x, t_x, T) = 1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).
     *
     * @param x   repeat purchases up to T
     * @param tx  time from the first to the last purchase
     * @param t   time from the first purchase to T (same unit as α)
     */
    public static double probabilityAlive(double r, double alpha, double a, double b, int x, double tx, double t) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * P(no purchase in (T, T + h] | x, t_x, T) = (1 − P(alive)) + P(alive) · ((α + T) / (α + T + h))^(r + x).
     * Given alive at T, λ's posterior is Gamma(r + x, α + T), and the next purchase comes after an exponential wait
     * whatever p is, because drop-out happens only right after a purchase.
     */
    public static double probabilityNoPurchase(double r, double alpha, double a, double b, int x, double tx, double t,
                                               double h) {
        double alive = probabilityAlive(r, alpha, a, b, x, tx, t);
        double silentIfAlive = Math.exp((r + x) * (Math.log(alpha + t) - Math.log(alpha + t + h)));
        return (1.0 - alive) + alive * silentIfAlive;
    }
}
