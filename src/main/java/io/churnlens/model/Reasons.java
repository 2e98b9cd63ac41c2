package io.churnlens.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Formats the three largest contributions (by absolute value) as "feature (+0.12)", joined for later splitting. */
final class Reasons implements Serializable {
    private Reasons() {}

    static final int TOP = 3;

    static String top(String[] names, double[] contributions) {
        return IntStream.range(0, names.length).boxed()
                .filter(i -> Double.isFinite(contributions[i]) && contributions[i] != 0)
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])).thenComparing(i -> i))
                .limit(TOP)
                .map(i -> String.format(Locale.ROOT, "%s (%+.2f)", names[i], contributions[i]))
                .collect(Collectors.joining(ModelFrame.REASON_SEPARATOR));
    }
}
