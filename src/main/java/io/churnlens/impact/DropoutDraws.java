package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * The model-based drop-outs of the as-of quarter under drawn BG/NBD parameters, in plain Java (inside a Spark
 * partition or on the driver over a list). For each draw d and each of the quarter's buyers i with BTYD statistics:
 * <ul>
 *   <li>expected: q_i(d) = 1 - P(alive | x, t_x, T; parameters of draw d), summed and weighted by annual value: the
 *       spread over draws is the parameter uncertainty of the point figure;</li>
 *   <li>realised: D_i(d) = [u_i(d) < q_i(d)] with u_i(d) uniform from a hash of (customer_id, seed, d): one draw of
 *       which buyers actually dropped out, given their probabilities. Its spread over draws is the predictive
 *       distribution of the quarter's true drop-outs and their revenue (Bernoulli noise plus parameter uncertainty).</li>
 * </ul>
 * Only buyers can contribute: under BG/NBD a drop-out happens right after a purchase (see {@link ModelDropouts}).
 */
public final class DropoutDraws {
    public static final int EXPECTED = 0, EXPECTED_REVENUE = 1, REALISED = 2, REALISED_REVENUE = 3;
    static final int FIGURES = 4;

    private DropoutDraws() {}

    /** One buyer of the quarter: its BTYD statistics as of T (time.unit) and its annual value in cents. */
    public record Buyer(String id, int x, double tx, double t, long annualValueCents) implements Serializable {}

    public static ReplicateSums sums(Iterator<Buyer> buyers, List<BgNbdModel> draws, long seed) {
        ReplicateSums s = new ReplicateSums(FIGURES, draws.size());
        while (buyers.hasNext()) add(s, buyers.next(), draws, seed);
        return s;
    }

    /** Adds one buyer, under every draw, to sums of {@link #FIGURES} figures. */
    static void add(ReplicateSums s, Buyer c, List<BgNbdModel> draws, long seed) {
        long id = BootstrapDraws.idHash(c.id());
        double value = c.annualValueCents() / 100.0;
        for (int d = 0; d < draws.size(); d++) {
            double q = 1 - draws.get(d).pAlive(c.x(), c.tx(), c.t());
            s.add(EXPECTED, d, q);
            s.add(EXPECTED_REVENUE, d, q * value);
            if (BootstrapDraws.uniform(id, seed, BootstrapDraws.DROPOUTS, d) < q) {
                s.add(REALISED, d, 1);
                s.add(REALISED_REVENUE, d, value);
            }
        }
    }
}
