package io.churnlens.btyd;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the customers' categorical columns (country, channel, ...) become the covariate vector z of the covariate
 * purchase models: one-hot per column with the most frequent level as the reference (dropped, z = 0), levels with a
 * customer share below {@value #MIN_SHARE} bucketed into {@value #OTHER} (a null value is the level
 * {@value #MISSING}, bucketed by the same rule). When the bucket is itself below the share it joins the reference,
 * and a column left with one level has no coefficient. Built from the level counts alone, so the same design
 * serves the fit, the scorer and the holdout check.
 *
 * @param covariates the columns that keep at least one coefficient, in the configured order
 */
public record CovariateDesign(List<Covariate> covariates) implements Serializable {
    public static final String OTHER = "(other)";
    public static final String MISSING = "(missing)";
    /** A level with fewer customers than this share gets no coefficient of its own (its SE would be wide). */
    public static final double MIN_SHARE = 0.01;

    /**
     * One column of the design.
     *
     * @param reference the level with z = 0 (the most frequent, plus any rare levels when their bucket is too small)
     * @param levels    the levels with a coefficient, {@value #OTHER} last when present
     * @param kept      the raw levels that stand for themselves (reference and levels, without the bucket)
     */
    public record Covariate(String column, String reference, List<String> levels, Set<String> kept)
            implements Serializable {
        /** The design level a raw value falls in: itself, the bucket, or the reference. */
        public String level(String raw) {
            String v = raw == null ? MISSING : raw;
            if (kept.contains(v)) return v;
            return levels.contains(OTHER) ? OTHER : reference;
        }
    }

    /** @param counts per configured column, customers per raw level (null key = missing) */
    public static CovariateDesign of(Map<String, Map<String, Long>> counts) {
        List<Covariate> out = new ArrayList<>();
        counts.forEach((column, perLevel) -> {
            Covariate c = covariate(column, perLevel);
            if (c != null) out.add(c);
        });
        return new CovariateDesign(List.copyOf(out));
    }

    private static Covariate covariate(String column, Map<String, Long> perLevel) {
        Map<String, Long> named = new LinkedHashMap<>();
        perLevel.forEach((k, v) -> named.merge(k == null ? MISSING : k, v, Long::sum));
        long total = named.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) return null;
        List<String> byCount = new ArrayList<>(named.keySet());
        byCount.sort(Comparator.comparing((String k) -> -named.get(k)).thenComparing(k -> k));
        String reference = byCount.get(0);
        List<String> levels = new ArrayList<>();
        long rare = 0;
        for (String k : byCount.subList(1, byCount.size())) {
            if (named.get(k) >= MIN_SHARE * total) levels.add(k);
            else rare += named.get(k);
        }
        levels.sort(Comparator.naturalOrder());
        Set<String> kept = new java.util.TreeSet<>(levels);
        kept.add(reference);
        if (rare > 0 && rare >= MIN_SHARE * total) levels.add(OTHER);
        if (levels.isEmpty()) return null;
        return new Covariate(column, reference, List.copyOf(levels), Set.copyOf(kept));
    }

    public List<String> columns() {
        return covariates.stream().map(Covariate::column).toList();
    }

    /** Coefficients per process: the number of non-reference levels over all columns. */
    public int size() {
        return covariates.stream().mapToInt(c -> c.levels().size()).sum();
    }

    public boolean isEmpty() {
        return covariates.isEmpty();
    }

    /** "country=DE", ... in the order of z. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Covariate c : covariates) for (String l : c.levels()) names.add(c.column() + "=" + l);
        return names;
    }

    /** The design levels of raw values (one per column, in order). */
    public String[] levels(String[] raw) {
        String[] out = new String[covariates.size()];
        for (int i = 0; i < out.length; i++) out[i] = covariates.get(i).level(raw[i]);
        return out;
    }

    /** z of design levels (as {@link #levels} returns them). */
    public double[] z(String[] levels) {
        double[] z = new double[size()];
        int offset = 0;
        for (int i = 0; i < covariates.size(); i++) {
            List<String> ls = covariates.get(i).levels();
            int k = ls.indexOf(levels[i]);
            if (k >= 0) z[offset + k] = 1;
            offset += ls.size();
        }
        return z;
    }

    /** The reference and bucketing in words, for the fit's note. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (Covariate c : covariates) {
            s.append(s.length() == 0 ? "" : "; ").append(c.column()).append(": reference ").append(c.reference())
                    .append(", levels ").append(String.join(", ", c.levels()));
        }
        return s.append(String.format(java.util.Locale.ROOT, " (levels under %.0f%% of customers bucketed as %s)",
                100 * MIN_SHARE, OTHER)).toString();
    }
}
