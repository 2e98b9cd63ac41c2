package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * The customer bootstrap of the as-of quarter, in plain Java: each customer's contribution to every figure the
 * replicates recompute, summed with the customer's Poisson(1) weight per replicate ({@link ReplicateSums}). The same
 * code runs inside a Spark partition and on the driver over a list, so a test can check one against the other.
 *
 * <p>Contributions follow the point figures' definitions exactly: {@link ObservedQuarters} (start, departed, end,
 * revenue lost, annual revenue), {@link ModelDropouts} (the quarter's buyers with a P(alive): 1 - P(alive), times
 * the annual value) and {@link ClvLost} (departed with P(alive) > 0 and a CLV: CLV / P(alive)). A ratio (churn rate)
 * is the ratio of a replicate's sums; the scenarios are recomputed from each replicate's quarter observation.
 */
public final class QuarterBootstrap {
    public static final int START = 0, DEPARTED = 1, END = 2, REVENUE_LOST = 3, ANNUAL_REVENUE = 4, DROPOUTS = 5,
            DROPOUT_REVENUE = 6, CLV_LOST = 7;
    static final int FIGURES = 8;

    private QuarterBootstrap() {}

    /**
     * One customer's row of the as-of quarter, money in cents as in the grid.
     *
     * @param pAlive null when the customer has no customer_value row (or no P(alive))
     * @param clv    null when not valued
     */
    public record Customer(String id, boolean activeStart, boolean departed, boolean activeEnd, boolean purchased,
                           long annualValueCents, long revenueYearCents, Double pAlive, Double clv) implements Serializable {
        long[] contributions() {
            long[] c = new long[FIGURES];
            c[START] = activeStart ? ReplicateSums.fixed(1) : 0;
            c[DEPARTED] = departed ? ReplicateSums.fixed(1) : 0;
            c[END] = activeEnd ? ReplicateSums.fixed(1) : 0;
            c[REVENUE_LOST] = departed ? ReplicateSums.fixed(annualValueCents / 100.0) : 0;
            c[ANNUAL_REVENUE] = ReplicateSums.fixed(revenueYearCents / 100.0);
            if (purchased && pAlive != null) {
                c[DROPOUTS] = ReplicateSums.fixed(1 - pAlive);
                c[DROPOUT_REVENUE] = ReplicateSums.fixed((1 - pAlive) * annualValueCents / 100.0);
            }
            if (departed && pAlive != null && pAlive > 0 && clv != null) c[CLV_LOST] = ReplicateSums.fixed(clv / pAlive);
            return c;
        }
    }

    /** The replicate sums of a slice of customers (a partition, or all of them on the driver). */
    public static ReplicateSums sums(Iterator<Customer> customers, int replicates, long seed) {
        ReplicateSums s = new ReplicateSums(FIGURES, replicates);
        while (customers.hasNext()) add(s, customers.next(), seed);
        return s;
    }

    /** Adds one customer to sums of {@link #FIGURES} figures. */
    static void add(ReplicateSums s, Customer c, long seed) {
        s.addWeighted(BootstrapDraws.idHash(c.id()), seed, c.contributions());
    }

    /** Replicate b's quarter as a {@link QuarterObservation}: the fields the churn rate and the scenarios read. */
    static QuarterObservation observation(ReplicateSums s, int b, int index) {
        return new QuarterObservation(index, Math.round(s.value(START, b)), 0, 0, Math.round(s.value(DEPARTED, b)),
                Math.round(s.value(END, b)), money(s.value(REVENUE_LOST, b)), money(s.value(ANNUAL_REVENUE, b)), 0,
                null, null, null);
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Each replicate's churn rate (NaN when nobody was active at the start in it). */
    static double[] churnRates(ReplicateSums s) {
        double[] v = new double[s.replicates()];
        for (int b = 0; b < v.length; b++) {
            double start = s.value(START, b);
            v[b] = start > 0 ? s.value(DEPARTED, b) / start : Double.NaN;
        }
        return v;
    }

    /** Each replicate's scenarios, recomputed by {@link Scenarios#of} from its quarter observation. */
    static List<List<Scenarios.Scenario>> scenarios(ReplicateSums s, int index, ImpactSettings settings, double discount) {
        List<List<Scenarios.Scenario>> out = new java.util.ArrayList<>();
        for (int b = 0; b < s.replicates(); b++) out.add(Scenarios.of(observation(s, b, index), settings, discount));
        return out;
    }
}
