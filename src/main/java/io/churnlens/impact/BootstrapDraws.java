package io.churnlens.impact;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based random numbers for the intervals: every number is a hash of (customer, seed, stream, counter), so a
 * customer's bootstrap weight or drop-out draw is the same whichever partition, order or executor computes it, and
 * nothing is shared between tasks. The hash is the SplitMix64 finaliser (Steele, Lea and Flood 2014) over a 64-bit
 * FNV-1a hash of the customer id's UTF-8 bytes.
 */
public final class BootstrapDraws {
    /** Stream of the customer bootstrap weights. */
    static final long WEIGHTS = 0x57e1_9b75_0000_0001L;
    /** Stream of the per-customer drop-out draws of the prediction interval. */
    static final long DROPOUTS = 0x57e1_9b75_0000_0002L;
    /** Stream of the parameter draws (no customer: id hash 0). */
    static final long PARAMETERS = 0x57e1_9b75_0000_0003L;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    /** P(K <= k) for K ~ Poisson(1), k = 0..11; beyond that the weight is 12 (P(K > 11) < 1e-9). */
    private static final double[] POISSON_CDF = poissonCdf(12);

    private BootstrapDraws() {}

    /** 64-bit FNV-1a of the id's UTF-8 bytes: stable across JVMs (String.hashCode has only 32 bits). */
    public static long idHash(String customerId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : customerId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform in [0, 1) from (customer hash, seed, stream, counter). */
    public static double uniform(long idHash, long seed, long stream, long counter) {
        long h = mix(mix(mix(idHash ^ stream) + seed * GOLDEN) + (counter + 1) * GOLDEN);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The customer's Poisson(1) bootstrap weight in replicate {@code replicate} (inverse of the CDF). */
    public static int weight(long idHash, long seed, int replicate) {
        double u = uniform(idHash, seed, WEIGHTS, replicate);
        int k = 0;
        while (k < POISSON_CDF.length && u >= POISSON_CDF[k]) k++;
        return k;
    }

    /** A standard normal (Box-Muller on two counter-based uniforms), for parameter draws. */
    static double normal(long seed, long counter) {
        double u1 = uniform(0, seed, PARAMETERS, 2 * counter);
        double u2 = uniform(0, seed, PARAMETERS, 2 * counter + 1);
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] poissonCdf(int n) {
        double[] cdf = new double[n];
        double p = Math.exp(-1);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += p;
            cdf[k] = sum;
            p /= k + 1;
        }
        return cdf;
    }
}
