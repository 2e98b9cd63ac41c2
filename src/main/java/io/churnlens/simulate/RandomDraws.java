package io.churnlens.simulate;

import java.util.SplittableRandom;

/**
 * The random numbers of one customer and one purpose. Each (seed, customer, purpose) triple gets its own
 * {@link SplittableRandom}, so a customer's history does not depend on which executor simulates it or in what order,
 * and changing, say, a messy-row rate leaves every purchase untouched.
 */
final class RandomDraws {

    /** Independent streams per customer; the ordinal is mixed into the seed (new purposes go last: the BG/NBD world
     *  must keep its streams). */
    enum Purpose { ACQUISITION, GROUP, PROCESS, SPEND, RETURNS, PRODUCTS, MESSY, FUTURES }

    private final SplittableRandom random;

    private RandomDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static RandomDraws of(long seed, long customerIndex, Purpose purpose) {
        long mixed = mix(mix(seed * 0x9E3779B97F4A7C15L + customerIndex) + purpose.ordinal() * 0xD1B54A32D192ED03L);
        return new RandomDraws(mixed);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform on (0, 1], safe to take the logarithm of. */
    double uniformPositive() {
        return 1.0 - random.nextDouble();
    }

    /** Uniform whole number in [0, bound). */
    int index(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Exponential waiting time with the given rate (infinite when the rate is 0). */
    double exponential(double rate) {
        return -Math.log(uniformPositive()) / rate;
    }

    /** Gamma with the given shape and rate (mean shape / rate). */
    double gamma(double shape, double rate) {
        return standardGamma(shape) / rate;
    }

    /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    double beta(double a, double b) {
        while (true) {
            double x = standardGamma(a);
            double y = standardGamma(b);
            if (x + y > 0) return x / (x + y);
        }
    }

    /** Index drawn with probability proportional to the weights, given as a cumulative array ending in 1. */
    int categorical(double[] cumulative) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) return i;
        }
        return cumulative.length - 1;
    }

    /**
     * Marsaglia and Tsang (2000) for shape >= 1; for shape < 1 the usual boost Gamma(shape + 1) * U^(1/shape).
     */
    private double standardGamma(double shape) {
        if (shape < 1) {
            return standardGamma(shape + 1) * Math.pow(uniformPositive(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = uniformPositive();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
