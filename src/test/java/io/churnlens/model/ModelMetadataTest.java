package io.churnlens.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.churnlens.schema.Tables;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * metadata.json stays the file of format version 1: the typed record writes the bytes the former
 * {@code Map<String, Object>} writer wrote (rebuilt here the way it was built, with its mapper settings), and a file
 * written that way (or older, without the BG/NBD medians) loads.
 */
class ModelMetadataTest {
    /** The former writer: a map of plain values, keys sorted, indented. */
    private static final ObjectMapper FORMER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static Map<String, Object> formerMetadata(String scorer, Map<String, Object> state) {
        Map<String, Object> holdout = new LinkedHashMap<>();
        holdout.put("roc_auc", 0.8123);
        holdout.put("pr_auc", 0.7);
        holdout.put("brier", 0.18);
        holdout.put("log_loss", 0.52);
        holdout.put("calibration_error", 0.021);
        holdout.put("top_decile_lift", 1.9);
        holdout.put("customers", 512L);
        holdout.put("churners", 240L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", 1);
        m.put("model", Tables.CHURN_MODEL);
        m.put("scorer", scorer);
        m.put("as_of", "2026-09-30");
        m.put("features_as_of", "2026-07-02");
        m.put("label_window", "(2026-07-02, 2026-09-30]");
        m.put("horizon_days", 90);
        m.put("features", List.of("recency_days", "x"));
        m.put("seed", 7L);
        m.put("calibration", Map.of("method", "platt", "intercept", -1.25, "slope", 0.75));
        m.put("state", state);
        m.put("holdout_metrics", holdout);
        m.put("champion_reason", "highest holdout ROC AUC: " + scorer + " 0.8123");
        m.put("spark_version", "4.1.0");
        m.put("created_at", "2026-11-30T10:00:00Z");
        return m;
    }

    private static ModelMetadata typed(String scorer, ScorerState state) {
        return new ModelMetadata("2026-09-30", new ModelMetadata.Calibration(-1.25, "platt", 0.75),
                "highest holdout ROC AUC: " + scorer + " 0.8123", "2026-11-30T10:00:00Z", List.of("recency_days", "x"),
                "2026-07-02", 1, new ModelMetadata.Holdout(0.18, 0.021, 240, 512, 0.52, 0.7, 0.8123, 1.9), 90,
                "(2026-07-02, 2026-09-30]", Tables.CHURN_MODEL, scorer, 7L, "4.1.0", state);
    }

    private static Map<String, Object> bgNbdState() {
        Map<String, Object> s = new LinkedHashMap<>(Map.of("r", 0.9, "alpha", 8.0, "a", 0.7, "b", 3.0, "horizon", 12.857));
        s.put("medians", List.of(2.0, 30.5, 80.0));
        return s;
    }

    @Test
    void everyScorerWritesTheFormerBytes() throws Exception {
        Map<String, Double> selection = new LinkedHashMap<>();
        selection.put("reg_param", 0.001);
        selection.put("elastic_net_param", 0.5);
        Map<String, Double> rates = Map.of("champions", 0.1, "at_risk", 0.6);
        Map<String, ScorerState> typed = Map.of(
                "recency", ScorerState.none(),
                "rfm_segment", ScorerState.rfmSegment(rates, 0.45),
                "bg_nbd", ScorerState.bgNbd(0.9, 8.0, 0.7, 3.0, 12.857, List.of(2.0, 30.5, 80.0)),
                "logistic", ScorerState.pipeline(List.of("recency_days", "x"), selection));
        Map<String, Map<String, Object>> former = Map.of(
                "recency", Map.of(),
                "rfm_segment", Map.of("rates", new TreeMap<>(rates), "overall_rate", 0.45),
                "bg_nbd", bgNbdState(),
                "logistic", Map.of("features", List.of("recency_days", "x"), "selection", selection));
        for (String scorer : typed.keySet()) {
            String before = FORMER.writeValueAsString(formerMetadata(scorer, former.get(scorer)));
            assertThat(typed(scorer, typed.get(scorer)).toJson()).as(scorer).isEqualTo(before);
            assertThat(ModelMetadata.fromJson(before, "test")).as(scorer).isEqualTo(typed(scorer, typed.get(scorer)));
        }
    }

    @Test
    void aFormerBgNbdModelLoadsAndScoresWithoutReasonsWhenItHasNoMedians() throws Exception {
        Map<String, Object> state = bgNbdState();
        state.remove("medians");
        String json = FORMER.writeValueAsString(formerMetadata("bg_nbd", state));
        ChurnModel model = ChurnModel.fromStored("old-model", json, Optional.empty());
        assertThat(model.scorerName()).isEqualTo("bg_nbd");
        assertThat(model.calibration()).isEqualTo(new PlattCalibration(-1.25, 0.75));
        assertThat(model.metadata().horizonDays()).isEqualTo(90);
        assertThat(model.metadata().holdoutMetrics().rocAuc()).isEqualTo(0.8123);
        assertThat(model.scorer().selection()).containsEntry("r", 0.9).containsEntry("b", 3.0);
        assertThat(model.scorer().state().medians()).isNull();
        // written again, it is the file it was read from
        assertThat(model.metadataJson()).isEqualTo(json);
    }

    /** A metadata.json written by the former code (the bundled sample's champion, before this record existed). */
    @Test
    void aModelStoredByTheFormerCodeLoadsAndIsWrittenAgainByteForByte() throws Exception {
        String json;
        try (var in = ModelMetadataTest.class.getResourceAsStream("metadata-format-1-bg_nbd.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        ChurnModel model = ChurnModel.fromStored("sample-model", json, Optional.empty());
        assertThat(model.scorerName()).isEqualTo("bg_nbd");
        assertThat(model.metadata().horizonDays()).isEqualTo(90);
        assertThat(model.metadata().features()).hasSize(17).startsWith("recency_days");
        assertThat(model.metadata().holdoutMetrics().customers()).isEqualTo(591);
        assertThat(model.calibration().slope()).isEqualTo(1.0926062260687317);
        assertThat(model.scorer().state().medians()).containsExactly(2.0, 18.428571428571427, 67.14285714285714);
        assertThat(model.metadataJson()).isEqualTo(json);
    }

    @Test
    void aFileWithUnknownKeysOrNoStateStillLoads() throws Exception {
        Map<String, Object> m = formerMetadata("recency", Map.of());
        m.remove("state");
        m.put("written_by_a_later_version", Map.of("anything", 1));
        ChurnModel model = ChurnModel.fromStored("later-model", FORMER.writeValueAsString(m), Optional.empty());
        assertThat(model.scorerName()).isEqualTo("recency");
        assertThat(model.metadata().state()).isEqualTo(ScorerState.none());
    }

    @Test
    void anUnknownScorerOrALearnedModelWithoutPipelineNamesTheFolder() throws Exception {
        String forest = FORMER.writeValueAsString(formerMetadata("forest", Map.of()));
        assertThatThrownBy(() -> ChurnModel.fromStored("models/churn/as_of=2026-09-30", forest, Optional.empty()))
                .hasMessageContaining("models/churn/as_of=2026-09-30").hasMessageContaining("unknown scorer 'forest'");
        String gbt = FORMER.writeValueAsString(formerMetadata("gbt",
                Map.of("features", List.of("x"), "selection", Map.of("max_depth", 3.0))));
        assertThatThrownBy(() -> ChurnModel.fromStored("models/churn/as_of=2026-06-30", gbt, Optional.empty()))
                .hasMessageContaining("models/churn/as_of=2026-06-30").hasMessageContaining("no stored pipeline");
    }

    @Test
    void theRegistryHoldsTheNamesConfigAccepts() {
        assertThat(java.util.Arrays.stream(Scorer.values()).filter(Scorer::isBaseline).map(Scorer::scorerName))
                .containsExactlyElementsOf(io.churnlens.config.ChurnlensConfig.Model.BASELINES);
        assertThat(java.util.Arrays.stream(Scorer.values()).filter(Scorer::isLearned).map(Scorer::scorerName))
                .containsExactlyElementsOf(io.churnlens.config.ChurnlensConfig.Model.CANDIDATES);
        assertThat(Scorer.named("gbt")).isEqualTo(Scorer.GBT);
        assertThatThrownBy(() -> Scorer.named("forest")).hasMessageContaining("forest").hasMessageContaining("logistic");
    }
}
