package io.churnlens.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The expected profit of a retention campaign that contacts the k customers with the highest churn probability:
 * profit(k) = Σ_{i ≤ k} p_i · saveRate · value_i − k · costPerContact (a contacted customer who would have churned
 * stays with probability saveRate and is worth value_i; one who would have stayed gains nothing). Ranked by p
 * (ties: the higher value first, then the input order), for k = 0 .. n; the best k is the smallest one reaching the
 * maximum (k = 0, profit 0, when no contact pays). {@code realisedAtBest} is the same sum with the observed labels in
 * place of p: what the campaign would have earned on these customers.
 *
 * @param curve profit(k) for k = 0 .. n
 */
record CampaignProfit(double costPerContact, double saveRate, double[] curve, int bestContacts, double realisedAtBest) {

    /**
     * @param p       calibrated churn probabilities
     * @param value   value of each customer if kept (negative counts as 0)
     * @param churned observed label (1 = churned), for {@link #realisedAtBest}
     */
    static CampaignProfit of(double[] p, double[] value, int[] churned, double costPerContact, double saveRate) {
        Integer[] order = IntStream.range(0, p.length).boxed().sorted(Comparator
                .comparingDouble((Integer i) -> -p[i]).thenComparingDouble(i -> -value[i])).toArray(Integer[]::new);
        double[] curve = new double[p.length + 1];
        int best = 0;
        for (int k = 1; k <= p.length; k++) {
            int i = order[k - 1];
            curve[k] = curve[k - 1] + p[i] * saveRate * Math.max(value[i], 0) - costPerContact;
            if (curve[k] > curve[best]) best = k;
        }
        double realised = 0;
        for (int k = 0; k < best; k++) {
            int i = order[k];
            realised += churned[i] * saveRate * Math.max(value[i], 0) - costPerContact;
        }
        return new CampaignProfit(costPerContact, saveRate, curve, best, realised);
    }

    int customers() {
        return curve.length - 1;
    }

    double bestProfit() {
        return curve[bestContacts];
    }

    /** profit at the k nearest to {@code percent}% of the customers. */
    double profitAtPercent(int percent) {
        return curve[(int) Math.round(customers() * percent / 100.0)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CampaignProfit c && c.bestContacts == bestContacts && Arrays.equals(c.curve, curve)
                && c.costPerContact == costPerContact && c.saveRate == saveRate && c.realisedAtBest == realisedAtBest;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(curve) * 31 + bestContacts;
    }

    @Override
    public String toString() {
        return "CampaignProfit[best " + bestContacts + " of " + customers() + ", profit " + bestProfit() + "]";
    }
}
