package io.churnlens.features;

import io.churnlens.config.ChurnlensConfig;

import java.io.Serializable;
import java.util.List;

/**
 * What the features stage needs from the configuration: the trailing windows, the trend window and the BTYD time
 * unit.
 *
 * @param windowsDays     trailing windows in days (default 30, 90, 180, 365); a window of N days covers T-N+1 .. T
 * @param trendWindowDays W of the trend columns, which compare (T-W, T] with (T-2W, T-W] (default 90)
 * @param timeUnit        unit of t_x and t_cal (default weeks = days / 7)
 * @param descriptiveColumns compute distinct_products, distinct_categories, country and channel (four more columns
 *                        through the shuffle and the per-customer pass); when false they are null. On when the
 *                        input maps any of product-id, category, country, channel
 */
public record FeatureSpec(List<Integer> windowsDays, int trendWindowDays, ChurnlensConfig.TimeUnit timeUnit,
                          boolean descriptiveColumns) implements Serializable {

    /** With the descriptive columns. */
    public FeatureSpec(List<Integer> windowsDays, int trendWindowDays, ChurnlensConfig.TimeUnit timeUnit) {
        this(windowsDays, trendWindowDays, timeUnit, true);
    }

    public FeatureSpec {
        if (windowsDays.isEmpty() || windowsDays.stream().anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("windowsDays must be a non-empty list of positive day counts, got " + windowsDays);
        }
        if (trendWindowDays <= 0) {
            throw new IllegalArgumentException("trendWindowDays must be > 0, got " + trendWindowDays);
        }
        windowsDays = windowsDays.stream().distinct().sorted().toList();
    }

    public static FeatureSpec from(ChurnlensConfig config) {
        ChurnlensConfig.Mapping m = config.mapping();
        boolean descriptive = m.productId() != null || m.category() != null || m.country() != null || m.channel() != null;
        return new FeatureSpec(config.features().windowsDays(), config.features().trendWindowDays(),
                config.time().unit(), descriptive);
    }
}
