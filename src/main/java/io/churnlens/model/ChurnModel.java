package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The champion of a training run as stored under {@code <root>/models/churn/as_of=T/}: {@code metadata.json}
 * ({@link ModelMetadata}) and, for a learned model, the fitted MLlib pipeline in {@code pipeline/}. Scoring a later
 * snapshot with it needs only that snapshot's customer_features.
 */
public record ChurnModel(FittedScorer scorer, PlattCalibration calibration, Map<String, Object> metadata) {
    static final int FORMAT_VERSION = 1;

    public String scorerName() {
        return scorer.name();
    }

    /** The model trained for snapshot T (features as of T − H, labels from (T − H, T]). */
    public static ChurnModel of(TrainingResult result, LocalDate asOf, int horizonDays, ChurnlensConfig.Model settings,
                                String sparkVersion) {
        EvaluatedScorer champion = result.champion();
        BinaryMetrics h = champion.holdout();
        Map<String, Object> holdout = new LinkedHashMap<>();
        holdout.put("roc_auc", h.rocAuc());
        holdout.put("pr_auc", h.prAuc());
        holdout.put("brier", h.brier());
        holdout.put("log_loss", h.logLoss());
        holdout.put("calibration_error", h.calibrationError());
        holdout.put("top_decile_lift", h.topDecileLift());
        holdout.put("customers", h.customers());
        holdout.put("churners", h.churners());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("model", Tables.CHURN_MODEL);
        m.put("scorer", champion.name());
        m.put("as_of", asOf.toString());
        m.put("features_as_of", asOf.minusDays(horizonDays).toString());
        m.put("label_window", "(" + asOf.minusDays(horizonDays) + ", " + asOf + "]");
        m.put("horizon_days", horizonDays);
        m.put("features", settings.features());
        m.put("seed", settings.seed());
        m.put("calibration", Map.of("method", "platt", "intercept", champion.calibration().intercept(),
                "slope", champion.calibration().slope()));
        m.put("state", champion.scorer().state());
        m.put("holdout_metrics", holdout);
        m.put("champion_reason", result.championReason());
        m.put("spark_version", sparkVersion);
        m.put("created_at", Instant.now().toString());
        return new ChurnModel(champion.scorer(), champion.calibration(), m);
    }

    /** Writes the metadata and the scorer's artefacts into {@code dir} (an empty temporary folder). */
    public void writeTo(SparkSession spark, String dir) {
        scorer.saveArtifacts(dir);
        ModelMetadata.write(spark.sparkContext().hadoopConfiguration(), dir, metadata);
    }

    /** Reads a stored model; fails naming the folder when its scorer is unknown. */
    @SuppressWarnings("unchecked")
    public static ChurnModel load(SparkSession spark, String dir) {
        Map<String, Object> m = ModelMetadata.read(spark.sparkContext().hadoopConfiguration(), dir);
        Map<String, Object> state = (Map<String, Object>) m.getOrDefault("state", Map.of());
        Map<String, Object> calibration = (Map<String, Object>) m.get("calibration");
        PlattCalibration platt = new PlattCalibration(((Number) calibration.get("intercept")).doubleValue(),
                ((Number) calibration.get("slope")).doubleValue());
        String name = String.valueOf(m.get("scorer"));
        FittedScorer scorer = switch (name) {
            case RecencyScorer.NAME -> new RecencyScorer();
            case RfmSegmentScorer.NAME -> RfmSegmentScorer.fromState(state);
            case BgNbdScorer.NAME -> BgNbdScorer.fromState(state);
            case LogisticScorer.NAME -> LogisticScorer.load(dir, (List<String>) state.get("features"), numbers(state));
            case GbtScorer.NAME -> GbtScorer.load(dir, (List<String>) state.get("features"), numbers(state));
            default -> throw new IllegalStateException("model " + dir + " has an unknown scorer '" + name + "'");
        };
        return new ChurnModel(scorer, platt, m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> numbers(Map<String, Object> state) {
        Map<String, Double> out = new LinkedHashMap<>();
        ((Map<String, Object>) state.getOrDefault("selection", Map.of()))
                .forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }
}
