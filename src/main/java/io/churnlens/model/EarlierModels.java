package io.churnlens.model;

import io.churnlens.io.ModelStore;
import io.churnlens.schema.Tables;
import io.churnlens.stage.StageContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The churn models the model store holds for snapshots before the run's T (models/churn/as_of=T'). */
final class EarlierModels {
    private EarlierModels() {}

    /** A stored model and the snapshot it was trained for. */
    record Stored(LocalDate asOf, ChurnModel model) {}

    /** Snapshot dates of published models before T, latest first. */
    static List<LocalDate> before(StageContext ctx) {
        LocalDate t = ctx.asOf();
        return ModelStore.asOfDatesBeside(ctx.spark(), ctx.store().layout().model(Tables.CHURN_MODEL, t)).stream()
                .filter(d -> d.isBefore(t))
                .sorted(java.util.Comparator.reverseOrder())
                .filter(d -> ctx.store().model(Tables.CHURN_MODEL, d).isPresent())
                .toList();
    }

    /**
     * The model to judge at T: the latest published as of T' < T whose horizon has passed (T' + H <= T), when it
     * predicts over the configured horizon; empty (with the reason on stdout) otherwise.
     */
    static Optional<Stored> judgeable(StageContext ctx) {
        int h = ctx.config().churn().horizonDays();
        Optional<LocalDate> latest = before(ctx).stream().filter(d -> !d.plusDays(h).isAfter(ctx.asOf())).findFirst();
        if (latest.isEmpty()) return Optional.empty();
        String dir = ctx.store().model(Tables.CHURN_MODEL, latest.get()).orElseThrow();
        ModelStore.Stored stored = ModelStore.read(ctx.spark(), dir);
        ChurnModel model = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());
        Integer modelHorizon = model.metadata().horizonDays();
        if (modelHorizon != null && modelHorizon != h) {
            ctx.out("    the model of %s predicts churn over %d days, churn.horizon-days is %d: not judged",
                    latest.get(), modelHorizon, h);
            return Optional.empty();
        }
        return Optional.of(new Stored(latest.get(), model));
    }
}
