package io.churnlens.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.Optional;

import static org.apache.spark.sql.functions.min;

/**
 * model.training-window (issue 17 item 4): which labelled window trains the churn model for a snapshot S. recent:
 * features as of S−H, labels (S−H, S] (for S = T the run's shared intermediate); year-ago: features as of S−365 days,
 * labels (S−365, S−365+H], the season being scored a year earlier, so a seasonal business is not scored with last
 * quarter's habits. The split, validation and champion choice do not change.
 */
public final class TrainingWindows {
    static final int YEAR_DAYS = 365;
    /** The {@link StageContext#shared} key of this run's resolved choice, used by train and backtest. */
    static final String CHOICE = "model.training-window choice";
    static final String FIRST_EVENT = "first transaction date";

    private TrainingWindows() {}

    /** A resolved window; {@code auto} resolves to one of them. */
    public enum Window {
        RECENT(BacktestColumns.WINDOW_RECENT), YEAR_AGO(BacktestColumns.WINDOW_YEAR_AGO);

        final String label;

        Window(String label) {
            this.label = label;
        }

        Window other() {
            return this == RECENT ? YEAR_AGO : RECENT;
        }

        /** The end of the label window of the model for {@code snapshot}: TrainingSet.build's as-of. */
        public LocalDate labelEnd(LocalDate snapshot, int horizonDays) {
            return this == RECENT ? snapshot : snapshot.minusDays(YEAR_DAYS).plusDays(horizonDays);
        }

        public LocalDate featuresAsOf(LocalDate snapshot, int horizonDays) {
            return labelEnd(snapshot, horizonDays).minusDays(horizonDays);
        }

        /** The window of a stored model, from its metadata: year-ago when its features are a year before it. */
        static Window of(ModelMetadata m) {
            return m.featuresAsOf() != null && m.asOf() != null
                    && LocalDate.parse(m.featuresAsOf()).equals(LocalDate.parse(m.asOf()).minusDays(YEAR_DAYS))
                    ? YEAR_AGO : RECENT;
        }
    }

    /** This run's window (auto resolved once, the suggestion logged once), shared by train and backtest. */
    static Window chosen(StageContext ctx) {
        return ctx.shared(CHOICE, () -> choose(ctx));
    }

    /** Whether the back-test also trains the other window, to compare calibration: only when the option is not recent. */
    static boolean compareBoth(StageContext ctx) {
        return ctx.config().model().trainingWindow() != ChurnlensConfig.TrainingWindow.RECENT;
    }

    /**
     * The labelled set of the model for {@code snapshot} under {@code window}, cached (the caller unpersists): the
     * shared features as of T−H for the default, else features rebuilt as of the window's start.
     */
    static Dataset<Row> labelled(StageContext ctx, LocalDate snapshot, Window window) {
        if (window == Window.RECENT && snapshot.equals(ctx.asOf())) return LabelledHistoryStage.labelledAsOf(ctx);
        int h = ctx.config().churn().horizonDays();
        return new TrainingSet(new CustomerFeatures(FeatureSpec.from(ctx.config())))
                .build(ctx.store().requireTransactions(), window.labelEnd(snapshot, h), h).cache();
    }

    /** Whether any customer bought before the window's feature date (else there is nothing to learn from). */
    static boolean historyAllows(StageContext ctx, LocalDate snapshot, Window window) {
        return firstEvent(ctx).map(first -> first.isBefore(window.featuresAsOf(snapshot, ctx.config().churn().horizonDays())))
                .orElse(false);
    }

    /** metadata.json of a model trained under {@code window}: the feature date and label window it really used. */
    static String metadataJson(ChurnModel model, Window window, LocalDate asOf, int horizonDays) {
        if (window == Window.RECENT) return model.metadataJson();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            ObjectNode tree = (ObjectNode) json.readTree(model.metadataJson());
            tree.put("features_as_of", window.featuresAsOf(asOf, horizonDays).toString());
            tree.put("label_window", "(" + window.featuresAsOf(asOf, horizonDays) + ", "
                    + window.labelEnd(asOf, horizonDays) + "]");
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the model metadata cannot be rewritten: " + e.getMessage(), e);
        }
    }

    private static Window choose(StageContext ctx) {
        ChurnlensConfig.TrainingWindow configured = ctx.config().model().trainingWindow();
        Optional<LocalDate> first = firstEvent(ctx);
        boolean twoYears = first.map(f -> !f.isAfter(ctx.asOf().minusYears(2))).orElse(false);
        if (twoYears && configured == ChurnlensConfig.TrainingWindow.RECENT) {
            ctx.out("    the transactions span two years or more (from %s): for a seasonal business, set "
                    + "model.training-window = auto (the back-test then compares recent and year-ago calibration, and "
                    + "train follows the better one) or year-ago", first.get());
        }
        Window w = switch (configured) {
            case RECENT -> Window.RECENT;
            case YEAR_AGO -> Window.YEAR_AGO;
            case AUTO -> WindowVerdict.auto(ctx, twoYears);
        };
        if (w == Window.YEAR_AGO) {
            int h = ctx.config().churn().horizonDays();
            ctx.out("    training window year-ago: features as of %s, labels in (%s, %s]",
                    w.featuresAsOf(ctx.asOf(), h), w.featuresAsOf(ctx.asOf(), h), w.labelEnd(ctx.asOf(), h));
        }
        return w;
    }

    private static Optional<LocalDate> firstEvent(StageContext ctx) {
        return ctx.shared(FIRST_EVENT, () -> {
            Row r = ctx.store().requireTransactions().agg(min(TransactionColumns.EVENT_DATE)).first();
            return r.isNullAt(0) ? Optional.<LocalDate>empty() : Optional.of(r.getDate(0).toLocalDate());
        });
    }
}
