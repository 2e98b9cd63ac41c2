package io.churnlens.config;

import com.typesafe.config.Config;

/**
 * The {@code impact.bootstrap} section: the 90% intervals of the as-of quarter's figures (README, *Intervals*).
 *
 * @param replicates     customer-level bootstrap replicates (Poisson(1) weights per customer); 0 turns the
 *                       customer bootstrap off
 * @param seed           seed of every weight and draw (a hash of customer_id, seed and replicate: the same intervals
 *                       on any partitioning)
 * @param parameterDraws draws of the BG/NBD parameters from the fit's covariance, for the parameter and prediction
 *                       intervals of the model-based drop-outs; 0 turns them off
 */
public record BootstrapSettings(int replicates, long seed, int parameterDraws) implements java.io.Serializable {
    /** Above this many replicates or draws the per-partition arrays stop being small. */
    public static final int MAX = 10_000;

    static BootstrapSettings parse(Config c) {
        Settings s = new Settings(c, "impact.bootstrap");
        int replicates = s.nonNegativeInt("replicates");
        int draws = s.nonNegativeInt("parameter-draws");
        if (replicates > MAX) throw s.invalid("replicates", replicates, "a whole number from 0 (off) to " + MAX);
        if (draws > MAX) throw s.invalid("parameter-draws", draws, "a whole number from 0 (off) to " + MAX);
        if (replicates == 1 || draws == 1) {
            throw s.invalid(replicates == 1 ? "replicates" : "parameter-draws", 1, "0 (off) or at least 2");
        }
        return new BootstrapSettings(replicates, s.wholeNumber("seed"), draws);
    }

    public boolean off() {
        return replicates == 0 && parameterDraws == 0;
    }
}
