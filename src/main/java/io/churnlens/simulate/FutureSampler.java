package io.churnlens.simulate;

/**
 * The disengaging world's ground truth by Monte Carlo: from a customer's hidden state at the snapshot T, simulates
 * the horizon (T, T + H] many times with the customer's own law of motion and counts the futures with no purchase
 * and those still not dropped out at T + H. Each estimate has a standard error of at most 0.5 / √futures.
 */
final class FutureSampler implements java.io.Serializable {
    /** The two estimates and the number of futures they come from. */
    record Estimate(double pNoPurchase, double pAliveAtEnd, int futures) {}

    private final int futures;

    FutureSampler(int futures) {
        if (futures <= 0) throw new IllegalArgumentException("futures must be > 0, got " + futures);
        this.futures = futures;
    }

    Estimate sample(DisengagingProcess process, LifeState atCutoff, double horizonEnd, RandomDraws draws) {
        int silent = 0;
        int alive = 0;
        int[] bought = new int[1];
        DisengagingProcess.Purchases count = (day, engagement, returnDay) -> bought[0]++;
        for (int f = 0; f < futures; f++) {
            LifeState s = atCutoff.copy();
            bought[0] = 0;
            process.advance(s, horizonEnd, draws, count);
            if (bought[0] == 0) silent++;
            if (!s.droppedOut()) alive++;
        }
        return new Estimate((double) silent / futures, (double) alive / futures, futures);
    }
}
