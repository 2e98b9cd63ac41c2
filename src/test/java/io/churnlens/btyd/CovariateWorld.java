package io.churnlens.btyd;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * A driver-side population built the way the generator builds its groups (simulate/SimulationPlan and
 * CustomerSimulator, read-only): the default {@code simulate} settings' countries and channels with their shares;
 * a cell's alpha is the base alpha divided by the product of its country and channel rate factors (so the rate
 * factor f acts as gamma_trans = ln f) and its b the base b times the product of the loyalty factors (gamma_life =
 * ln f). BG/NBD per customer (weeks), first purchase at 0, T uniform on [tMin, tMax]; the process continues through
 * a holdout of {@code holdout} weeks, so the truth (alive at T, purchases in (T, T + holdout]) is known.
 */
public final class CovariateWorld {
    public final List<String[]> levels = new ArrayList<>();
    public final int[] x;
    public final double[] tx;
    public final double[] t;
    public final boolean[] aliveAtT;
    public final int[] holdoutPurchases;
    /** E[purchases in (T, T + holdout] | lambda, p, alive at T]: (1 - e^{-lambda p h}) / p when alive, else 0. */
    public final double[] trueHoldoutMean;
    public final ChurnlensConfig.Simulate settings;

    private CovariateWorld(int n, ChurnlensConfig.Simulate settings) {
        x = new int[n];
        tx = new double[n];
        t = new double[n];
        aliveAtT = new boolean[n];
        holdoutPurchases = new int[n];
        trueHoldoutMean = new double[n];
        this.settings = settings;
    }

    public static CovariateWorld simulate(int n, double tMin, double tMax, double holdout, long seed) {
        ChurnlensConfig.Simulate s = ConfigLoader.load(null, List.of()).simulate();
        CovariateWorld w = new CovariateWorld(n, s);
        Well19937c rng = new Well19937c(seed);
        SplittableRandom u = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int country = draw(s.countries().shares(), u), channel = draw(s.channels().shares(), u);
            double rate = s.countries().rateFactors().get(country) * s.channels().rateFactors().get(channel);
            double loyalty = s.countries().loyaltyFactors().get(country) * s.channels().loyaltyFactors().get(channel);
            double lambda = new GammaDistribution(rng, s.bgnbd().r(), rate / s.bgnbd().alpha()).sample();
            double p = new BetaDistribution(rng, s.bgnbd().a(), s.bgnbd().b() * loyalty).sample();
            w.levels.add(new String[] {s.countries().values().get(country), s.channels().values().get(channel)});
            w.t[i] = tMin + (tMax - tMin) * u.nextDouble();
            w.aliveAtT[i] = true;
            double now = 0;
            while (true) {
                now += -Math.log(1 - u.nextDouble()) / lambda;
                if (now > w.t[i] + holdout) break;
                if (now <= w.t[i]) {
                    w.x[i]++;
                    w.tx[i] = now;
                } else {
                    w.holdoutPurchases[i]++;
                }
                if (u.nextDouble() < p) {
                    if (now <= w.t[i]) w.aliveAtT[i] = false;
                    break;
                }
            }
            w.trueHoldoutMean[i] = w.aliveAtT[i] ? -Math.expm1(-lambda * p * holdout) / p : 0;
        }
        return w;
    }

    private static int draw(List<Double> shares, SplittableRandom u) {
        double total = shares.stream().mapToDouble(Double::doubleValue).sum(), v = u.nextDouble() * total, c = 0;
        for (int k = 0; k < shares.size(); k++) {
            c += shares.get(k);
            if (v < c) return k;
        }
        return shares.size() - 1;
    }

    /** The generator's factor of a design level "country=DE" / "channel=store" (rate or loyalty). */
    public double factor(String name, boolean rate) {
        String[] kv = name.split("=");
        ChurnlensConfig.Simulate.GroupDimension d = kv[0].equals("country") ? settings.countries() : settings.channels();
        int k = d.values().indexOf(kv[1]);
        return (rate ? d.rateFactors() : d.loyaltyFactors()).get(k);
    }

    public int size() {
        return x.length;
    }
}
