package io.churnlens.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * {@code metadata.json} of a stored churn model, typed: scorer, features, training window, calibration, holdout
 * metrics, Spark version, and the scorer's {@link ScorerState}. The JSON is the file format of
 * {@link #FORMAT_VERSION} 1 byte for byte (the components' names as snake_case keys, in alphabetical order, indented),
 * so models stored before this record load, and older readers read new files. Unknown keys are ignored and missing ones are null, so
 * a later field does not break an earlier model. Components are declared in the alphabetical order of their keys.
 *
 * <p>Only the JSON text is made here; {@code io.ModelStore} writes and reads the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(String asOf, Calibration calibration, String championReason, String createdAt,
                            List<String> features, String featuresAsOf, Integer formatVersion, Holdout holdoutMetrics,
                            Integer horizonDays, String labelWindow, String model, String scorer, Long seed,
                            String sparkVersion, ScorerState state) {
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Platt scaling as stored: {@code method} is always "platt". */
    public record Calibration(double intercept, String method, double slope) {
        static Calibration of(PlattCalibration platt) {
            return new Calibration(platt.intercept(), "platt", platt.slope());
        }

        PlattCalibration platt() {
            return new PlattCalibration(intercept, slope);
        }
    }

    /** The champion's holdout metrics (a subset of model_metrics, for a reader of the model folder alone). */
    public record Holdout(double brier, double calibrationError, long churners, long customers, double logLoss,
                          double prAuc, double rocAuc, double topDecileLift) {
        static Holdout of(BinaryMetrics m) {
            return new Holdout(m.brier(), m.calibrationError(), m.churners(), m.customers(), m.logLoss(), m.prAuc(),
                    m.rocAuc(), m.topDecileLift());
        }
    }

    /** The state, or an empty one when the file has none. */
    @Override
    public ScorerState state() {
        return state == null ? ScorerState.none() : state;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the model metadata cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** @param source where the text comes from, for the message when it is not model metadata */
    public static ModelMetadata fromJson(String json, String source) {
        try {
            return JSON.readValue(json, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(source + " is not churn model metadata: " + e.getOriginalMessage(), e);
        }
    }
}
