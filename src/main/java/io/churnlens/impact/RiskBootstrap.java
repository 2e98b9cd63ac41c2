package io.churnlens.impact;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The customer bootstrap of revenue at risk (Σ churn_probability × expected_revenue_12m over customer_scores), in
 * plain Java. The weights are the customer's own ({@link BootstrapDraws#weight}), the same as in the quarter's pass,
 * so the two tables are resampled together without a join.
 */
public final class RiskBootstrap {
    private RiskBootstrap() {}

    public record Customer(String id, double revenueAtRisk) implements Serializable {}

    public static ReplicateSums sums(Iterator<Customer> customers, int replicates, long seed) {
        ReplicateSums s = new ReplicateSums(1, replicates);
        long[] c = new long[1];
        while (customers.hasNext()) {
            Customer r = customers.next();
            c[0] = ReplicateSums.fixed(r.revenueAtRisk());
            s.addWeighted(BootstrapDraws.idHash(r.id()), seed, c);
        }
        return s;
    }
}
