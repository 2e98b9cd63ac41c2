package io.churnlens.report;

import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.churnlens.schema.SensitivityColumns.*;

/**
 * Whether the ranking of segments by churn rate changes between definitions of churn: a change is two segments of a
 * dimension in one order under the headline definition and strictly the other way under another (a tie is not a
 * change). Read from churn_sensitivity's churn_rate_rank.
 */
final class RankingChange {
    private RankingChange() {}

    /** The sentence naming the changes, or empty when every definition ranks the segments as the headline does. */
    static Optional<String> sentence(List<Row> sensitivity) {
        Map<String, Map<String, Map<String, Integer>>> ranks = new LinkedHashMap<>(); // dimension -> definition -> segment
        String headline = null;
        for (Row r : sensitivity) {
            if (Boolean.TRUE.equals(r.getAs(HEADLINE))) headline = r.getAs(DEFINITION);
            Integer rank = r.getAs(CHURN_RATE_RANK);
            if (rank == null || ALL.equals(r.getAs(DIMENSION))) continue;
            ranks.computeIfAbsent(r.getAs(DIMENSION), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getAs(DEFINITION), k -> new LinkedHashMap<>()).put(r.getAs(SEGMENT), rank);
        }
        if (headline == null) return Optional.empty();
        String head = headline;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Integer>>> dim : ranks.entrySet()) {
            Map<String, Integer> base = dim.getValue().getOrDefault(head, Map.of());
            String first = null;
            List<String> others = new ArrayList<>();
            for (Map.Entry<String, Map<String, Integer>> def : dim.getValue().entrySet()) {
                if (def.getKey().equals(head)) continue;
                Optional<String[]> pair = reversal(base, def.getValue());
                if (pair.isEmpty()) continue;
                if (first == null) {
                    first = "by " + dim.getKey() + ", " + def.getKey() + " puts " + pair.get()[1] + " ahead of "
                            + pair.get()[0] + " (the headline, " + head + ", the other way)";
                } else {
                    others.add(def.getKey());
                }
            }
            if (first != null) parts.add(first + (others.isEmpty() ? "" : ", and " + String.join(", ", others)
                    + (others.size() == 1 ? " also reorders " : " also reorder ") + dim.getKey()));
        }
        if (parts.isEmpty()) return Optional.empty();
        return Optional.of("Ranking of segments by churn rate changes between definitions: " + String.join("; ", parts)
                + ".");
    }

    /**
     * The reversed pair {a, b} with a ranked above b by the headline and below it by the other definition, a the
     * highest-ranked such segment of the headline; empty when there is none.
     */
    private static Optional<String[]> reversal(Map<String, Integer> headline, Map<String, Integer> other) {
        String[] best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> a : headline.entrySet()) {
            for (Map.Entry<String, Integer> b : headline.entrySet()) {
                Integer ra = other.get(a.getKey());
                Integer rb = other.get(b.getKey());
                if (ra == null || rb == null || a.getValue() >= b.getValue() || ra <= rb) continue;
                if (a.getValue() < bestRank) {
                    bestRank = a.getValue();
                    best = new String[] {a.getKey(), b.getKey()};
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
