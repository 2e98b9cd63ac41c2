package io.churnlens.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distinct values of one group column (country, channel) up to T, coded 1, 2, ... in alphabetical order (0 is
 * null), so that the per-customer pass receives a 64-bit hash per row instead of a string and counts small ints: the
 * smallest code among equally frequent ones is the alphabetically first value. Built on the driver from the few
 * distinct (value, hash) pairs; shipped to the executors with the pass.
 */
final class GroupDictionary implements Serializable {
    private final String[] values;     // values[code]; values[0] is null
    private final long[] hashes;       // sorted: a binary search per row, no boxing, no pointer chasing
    private final int[] codeOfHash;    // the code of hashes[i]

    /** From the distinct values and their Spark {@code xxhash64}; null values are skipped. */
    GroupDictionary(Map<String, Long> hashByValue) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        hashByValue.forEach((value, hash) -> {
            if (value != null) sorted.put(value, hash);
        });
        values = new String[sorted.size() + 1];
        TreeMap<Long, Integer> codeByHash = new TreeMap<>();
        int code = 1;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            Integer previous = codeByHash.put(e.getValue(), code);
            if (previous != null) {
                // Two values with one 64-bit hash: about n^2 / 2^65, never in practice, but never silently merged.
                throw new IllegalStateException("the values '" + values[previous] + "' and '" + e.getKey()
                        + "' have the same xxhash64; the modal value cannot tell them apart");
            }
            values[code++] = e.getKey();
        }
        hashes = codeByHash.keySet().stream().mapToLong(Long::longValue).toArray();
        codeOfHash = codeByHash.values().stream().mapToInt(Integer::intValue).toArray();
    }

    static GroupDictionary empty() {
        return new GroupDictionary(Map.of());
    }

    /** Number of distinct (non-null) values. */
    int size() {
        return values.length - 1;
    }

    /** The code (1, 2, ...) of a value by its hash. */
    int code(long hash) {
        int i = Arrays.binarySearch(hashes, hash);
        if (i < 0) {
            throw new IllegalStateException(
                    "a value hashed " + hash + " was not in the dictionary built from the same rows");
        }
        return codeOfHash[i];
    }

    /**
     * The most frequent value among the first {@code n} codes (sorted in place), nulls ignored; among equally
     * frequent values the alphabetically first (the smallest code); null when all are null.
     */
    String modalValue(long[] codes, int n) {
        Arrays.sort(codes, 0, n);
        int best = 0;
        int bestCount = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && codes[j] == codes[i]) j++;
            if (codes[i] != 0 && j - i > bestCount) {
                best = (int) codes[i];
                bestCount = j - i;
            }
            i = j;
        }
        return values[best];
    }
}
