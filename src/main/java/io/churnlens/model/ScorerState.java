package io.churnlens.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fitted state a scorer keeps in {@code metadata.json} ({@code "state"}): plain values an analyst can read, and
 * everything a baseline needs to score again. Each scorer fills its own fields and leaves the others null (not
 * written), so the JSON is the same object per scorer as before the record existed:
 * <ul>
 *   <li>recency: nothing;</li>
 *   <li>rfm_segment: {@code rates} (segment → smoothed churn rate) and {@code overall_rate};</li>
 *   <li>bg_nbd: {@code r, alpha, a, b, horizon} and {@code medians} of x, t_x, t_cal (absent in models stored
 *       before the reasons existed);</li>
 *   <li>logistic, gbt: {@code features} (every input column, the added ones included) and the chosen
 *       hyper-parameters ({@code selection}); {@code inputs}: the added inputs ({@link ModelInputs}: BTYD horizon,
 *       group levels), absent in models stored before them; the fitted MLlib pipeline is stored beside the
 *       metadata.</li>
 * </ul>
 * Components are declared in the alphabetical order of their JSON names (snake_case, see {@link ModelMetadata}), the
 * order the file is written in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScorerState(Double a, Double alpha, Double b, List<String> features, Double horizon, ModelInputs inputs,
                          List<Double> medians, Double overallRate, Double r, Map<String, Double> rates,
                          Map<String, Double> selection) {

    static ScorerState none() {
        return new ScorerState(null, null, null, null, null, null, null, null, null, null, null);
    }

    static ScorerState rfmSegment(Map<String, Double> rates, double overallRate) {
        return new ScorerState(null, null, null, null, null, null, null, overallRate, null, new TreeMap<>(rates), null);
    }

    static ScorerState bgNbd(double r, double alpha, double a, double b, double horizon, List<Double> medians) {
        return new ScorerState(a, alpha, b, null, horizon, null, medians, null, r, null, null);
    }

    static ScorerState pipeline(List<String> features, Map<String, Double> selection) {
        return new ScorerState(null, null, null, List.copyOf(features), null, null, null, null, null, null,
                new TreeMap<>(selection));
    }

    /** The same state with the learned model's extra inputs (absent, so not written, for models without them). */
    ScorerState withInputs(ModelInputs extra) {
        return new ScorerState(a, alpha, b, features, horizon, extra, medians, overallRate, r, rates, selection);
    }
}
