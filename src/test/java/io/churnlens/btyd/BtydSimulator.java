package io.churnlens.btyd;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Direct simulation of the generative stories, seeded, for parameter-recovery tests: individual rates and
 * drop-out draws, then purchase events one by one. Commons-math's Gamma takes (shape, scale), so scale = 1/rate.
 */
public final class BtydSimulator {
    public final int[] x;
    public final double[] tx;
    public final double[] t;

    private BtydSimulator(int n) {
        x = new int[n];
        tx = new double[n];
        t = new double[n];
    }

    /** BG/NBD with T uniform on [tMin, tMax]. */
    public static BtydSimulator bgNbd(BgNbdModel m, int n, double tMin, double tMax, long seed) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, m.r(), 1 / m.alpha());
        BetaDistribution dropouts = new BetaDistribution(rng, m.a(), m.b());
        SplittableRandom u = new SplittableRandom(seed);
        BtydSimulator s = new BtydSimulator(n);
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample(), p = dropouts.sample();
            double horizon = tMin + (tMax - tMin) * u.nextDouble();
            double now = 0;
            int count = 0;
            while (true) {
                now += -Math.log(1 - u.nextDouble()) / lambda;
                if (now > horizon) break;
                count++;
                s.tx[i] = now;
                if (u.nextDouble() < p) break;     // drops out right after this purchase
            }
            s.x[i] = count;
            s.t[i] = horizon;
        }
        return s;
    }

    /** MBG/NBD with T uniform on [tMin, tMax]: as BG/NBD, plus a drop-out chance right after the first purchase (t = 0). */
    static BtydSimulator mbgNbd(MbgNbdModel m, int n, double tMin, double tMax, long seed) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, m.r(), 1 / m.alpha());
        BetaDistribution dropouts = new BetaDistribution(rng, m.a(), m.b());
        SplittableRandom u = new SplittableRandom(seed);
        BtydSimulator s = new BtydSimulator(n);
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample(), p = dropouts.sample();
            double horizon = tMin + (tMax - tMin) * u.nextDouble();
            double now = 0;
            int count = 0;
            boolean alive = u.nextDouble() >= p;
            while (alive) {
                now += -Math.log(1 - u.nextDouble()) / lambda;
                if (now > horizon) break;
                count++;
                s.tx[i] = now;
                alive = u.nextDouble() >= p;
            }
            s.x[i] = count;
            s.t[i] = horizon;
        }
        return s;
    }

    /** Pareto/NBD with T uniform on [tMin, tMax]. */
    static BtydSimulator paretoNbd(ParetoNbdModel m, int n, double tMin, double tMax, long seed) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, m.r(), 1 / m.alpha());
        GammaDistribution deaths = new GammaDistribution(rng, m.s(), 1 / m.beta());
        SplittableRandom u = new SplittableRandom(seed);
        BtydSimulator s = new BtydSimulator(n);
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample(), mu = deaths.sample();
            double horizon = tMin + (tMax - tMin) * u.nextDouble();
            double end = Math.min(horizon, -Math.log(1 - u.nextDouble()) / mu);
            double now = 0;
            int count = 0;
            while (true) {
                now += -Math.log(1 - u.nextDouble()) / lambda;
                if (now > end) break;
                count++;
                s.tx[i] = now;
            }
            s.x[i] = count;
            s.t[i] = horizon;
        }
        return s;
    }

    RfmTable table() {
        return RfmTable.ofCustomers(x, tx, t);
    }

    /** Gamma-Gamma: x repeat purchases uniform on 1..maxX, each Gamma(p, nu), nu ~ Gamma(q, gamma). */
    static SpendTable gammaGamma(GammaGammaModel m, int n, int maxX, long seed) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution nus = new GammaDistribution(rng, m.q(), 1 / m.gamma());
        SplittableRandom u = new SplittableRandom(seed);
        int[] xs = new int[n];
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            double nu = nus.sample();
            GammaDistribution spend = new GammaDistribution(rng, m.p(), 1 / nu);
            xs[i] = 1 + u.nextInt(maxX);
            double sum = 0;
            for (int k = 0; k < xs[i]; k++) sum += spend.sample();
            means[i] = sum / xs[i];
        }
        return SpendTable.ofCustomers(xs, means);
    }

    /** sBG cohort: survivors after each of {@code periods} periods. */
    static long[] shiftedBetaGeometric(ShiftedBetaGeometricModel m, int n, int periods, long seed) {
        BetaDistribution thetas = new BetaDistribution(new Well19937c(seed), m.alpha(), m.beta());
        SplittableRandom u = new SplittableRandom(seed);
        long[] survivors = new long[periods + 1];
        for (int i = 0; i < n; i++) {
            double theta = thetas.sample();
            survivors[0]++;
            for (int t = 1; t <= periods; t++) {
                if (u.nextDouble() < theta) break;
                survivors[t]++;
            }
        }
        return survivors;
    }
}
