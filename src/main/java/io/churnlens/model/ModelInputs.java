package io.churnlens.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.config.ModelOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The learned models' inputs beyond {@code model.features} ({@code model.inputs.*}), as stored with the model in
 * {@code metadata.json} ({@code state.inputs}): the BTYD outputs ({@link BtydInputs}, fitted on the scored snapshot's
 * own features) and the one-hot groups ({@link GroupEncoding}, levels fixed at training). A model stored before
 * these inputs has none and scores as it did.
 *
 * @param btydHorizon H in the features' time unit when the BTYD inputs are used, else null
 * @param groups      group column → its kept levels, in input order
 * @param note        what the training fits and encodings found, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInputs(Double btydHorizon, Map<String, List<String>> groups, String note) {
    private static final Logger LOG = LoggerFactory.getLogger(ModelInputs.class);
    /** The BTYD fit of a stored model's scoring run: clv.max-distinct-statistics' default (the budget: FitBudget's). */
    static final int SCORING_MAX_DISTINCT_STATISTICS = 2_000_000;

    public ModelInputs {
        groups = groups == null ? Map.of() : new LinkedHashMap<>(groups);
    }

    static ModelInputs none() {
        return new ModelInputs(null, Map.of(), null);
    }

    @JsonIgnore
    boolean isEmpty() {
        return btydHorizon == null && groups.isEmpty();
    }

    /** The added input columns, in order: the BTYD outputs, then each group's levels and its "(other)". */
    @JsonIgnore
    List<String> columns() {
        List<String> out = new ArrayList<>();
        if (btydHorizon != null) out.addAll(BtydInputs.NAMES);
        encodings().forEach(e -> out.addAll(e.inputNames()));
        return out;
    }

    private List<GroupEncoding> encodings() {
        return groups.entrySet().stream().map(e -> new GroupEncoding(e.getKey(), e.getValue())).toList();
    }

    /**
     * {@code rows} (one snapshot's customer_features) plus {@link #columns()}, unless they are there already (the
     * training run adds them once). The BTYD inputs are fitted on {@code rows} themselves.
     */
    Dataset<Row> addTo(Dataset<Row> rows, int maxDistinctStatistics, FitBudget budget) {
        if (isEmpty() || Arrays.asList(rows.columns()).containsAll(columns())) return rows;
        Dataset<Row> out = rows;
        if (btydHorizon != null) out = BtydInputs.addTo(out, BtydInputs.fit(rows, maxDistinctStatistics, budget), btydHorizon);
        for (GroupEncoding e : encodings()) out = e.addTo(out);
        return out;
    }

    /** The inputs chosen on one training run and the labelled rows with them. */
    record Prepared(ModelInputs inputs, Dataset<Row> rows) {}

    /**
     * Chooses the inputs on the labelled rows (as of the training cutoff): the BTYD fit on all of them (features
     * only: no label is read), the group levels on the training split's rows ({@code isTrain}).
     */
    static Prepared prepare(Dataset<Row> labelled, Column isTrain, ModelOptions.Inputs settings, double horizon,
                            int maxDistinctStatistics, FitBudget budget) {
        List<String> notes = new ArrayList<>();
        Dataset<Row> out = labelled;
        Double btydHorizon = null;
        if (settings.btyd()) {
            BtydInputs.Fit fit = BtydInputs.fit(labelled, maxDistinctStatistics, budget);
            notes.add("btyd: " + fit.note());
            if (fit.purchases() != null) {
                btydHorizon = horizon;
                out = BtydInputs.addTo(out, fit, horizon);
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Dataset<Row> train = labelled.where(isTrain);
        for (String g : settings.groups()) {
            Optional<GroupEncoding> e = Arrays.asList(labelled.columns()).contains(g)
                    ? GroupEncoding.fit(train, g, settings.rareLevelShare()) : Optional.empty();
            e.ifPresent(enc -> groups.put(g, enc.levels()));
            notes.add(g + ": " + e.map(enc -> enc.levels().size() + " levels + " + GroupEncoding.OTHER)
                    .orElse("left out (one level only, or not a customer_features column)"));
        }
        for (GroupEncoding e : groups.entrySet().stream().map(x -> new GroupEncoding(x.getKey(), x.getValue())).toList()) {
            out = e.addTo(out);
        }
        ModelInputs inputs = new ModelInputs(btydHorizon, groups, String.join("; ", notes));
        LOG.info("model inputs besides model.features: {}", inputs.note());
        return new Prepared(inputs, inputs.isEmpty() ? labelled : out);
    }

    /** {@code scorer} reading these inputs, or {@code scorer} itself when there are none. */
    FittedScorer wrap(FittedScorer scorer, int maxDistinctStatistics, FitBudget budget) {
        return isEmpty() ? scorer : new InputScorer(scorer, this, maxDistinctStatistics, budget);
    }

}
