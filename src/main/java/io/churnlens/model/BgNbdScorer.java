package io.churnlens.model;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.Fitted;
import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Baseline: the BG/NBD probability of no purchase in the next H days, with BG/NBD fitted on the training customers'
 * (x, t_x, T) as of the training cutoff. Given the history, a customer who is alive buys with rate
 * λ ~ Gamma(r + x, α + T), so P(no purchase in (T, T+h]) = 1 − P(alive) + P(alive) ((α+T)/(α+T+h))^(r+x); drop-out
 * only happens at a purchase, so a customer who buys nothing cannot drop out in between. Raw score: its log-odds.
 */
public final class BgNbdScorer implements FittedScorer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BgNbdScorer.class);
    public static final String NAME = io.churnlens.schema.ModelColumns.SCORER_BG_NBD;
    private final BgNbdModel model;
    /** H in the time unit of the features' t_x and t_cal. */
    private final double horizon;
    /** Training medians of x, t_x and t_cal, for the reasons. */
    private final double[] medians;

    BgNbdScorer(BgNbdModel model, double horizon, double[] medians) {
        this.model = model;
        this.horizon = horizon;
        this.medians = medians == null ? null : medians.clone();
    }

    /** {@link #fit(Dataset, double, int, FitBudget)} with the default fit budget. */
    public static Optional<BgNbdScorer> fit(Dataset<Row> trainFeatures, double horizon, int maxDistinctStatistics) {
        return fit(trainFeatures, horizon, maxDistinctStatistics, FitBudget.DEFAULT);
    }

    /**
     * The same fit and verdict as the CLV stage's ({@link BgNbdFitter}, {@link io.churnlens.btyd.fit.FitState}): the
     * baseline is built only from an identified fit. At a boundary or after a failure it is left out (empty), and
     * the verdict is logged here: a baseline is a BG/NBD or nothing, not a fallback model under its name.
     */
    public static Optional<BgNbdScorer> fit(Dataset<Row> trainFeatures, double horizon, int maxDistinctStatistics,
                                            FitBudget budget) {
        Fitted<BgNbdModel> fitted = BgNbdFitter.fit(BtydStatistics.compress(trainFeatures, maxDistinctStatistics), budget);
        if (!fitted.converged()) {
            LOG.warn("bg_nbd baseline: the fit is {}", fitted.fit().summary());
            return Optional.empty();
        }
        double[][] quantiles = trainFeatures.stat().approxQuantile(
                new String[]{FeatureColumns.X, FeatureColumns.T_X, FeatureColumns.T_CAL}, new double[]{0.5}, 0.001);
        double[] medians = java.util.Arrays.stream(quantiles).mapToDouble(q -> q[0]).toArray();
        return Optional.of(new BgNbdScorer(fitted.model(), horizon, medians));
    }

    static BgNbdScorer fromState(ScorerState state) {
        // A model stored before the reasons existed has no medians: it scores, without reasons.
        return new BgNbdScorer(new BgNbdModel(state.r(), state.alpha(), state.a(), state.b()), state.horizon(),
                state.medians() == null ? null : state.medians().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** P(no purchase in (T, T + horizon]) given x, t_x and T. */
    public static double probabilityNoPurchase(BgNbdModel m, double horizon, int x, double tx, double t) {
        double alive = m.pAlive(x, tx, t);
        double silentIfAlive = Math.exp((m.r() + x) * (Math.log(m.alpha() + t) - Math.log(m.alpha() + t + horizon)));
        return 1 - alive + alive * silentIfAlive;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset<Row> rawScores(Dataset<Row> features) {
        BgNbdModel m = model;
        double h = horizon;
        UserDefinedFunction logit = udf((UDF3<Integer, Double, Double, Double>) (x, tx, t) -> logit(m, h, x, tx, t),
                DataTypes.DoubleType);
        return features.withColumn(ModelFrame.RAW_SCORE,
                logit.apply(col(FeatureColumns.X), col(FeatureColumns.T_X), col(FeatureColumns.T_CAL)));
    }

    private static double logit(BgNbdModel m, double h, int x, double tx, double t) {
        double p = Math.min(Math.max(probabilityNoPurchase(m, h, x, tx, t), 1e-12), 1 - 1e-12);
        return Math.log(p / (1 - p));
    }

    /**
     * Reasons as for GBT: the change in log-odds when one of x, t_x, t_cal is replaced by its training median (kept
     * consistent: t_x ≤ t_cal), the other two left as they are.
     */
    @Override
    public Dataset<Row> withReasons(Dataset<Row> scored) {
        if (medians == null) {
            return FittedScorer.super.withReasons(scored);
        }
        BgNbdModel m = model;
        double h = horizon;
        double[] med = medians;
        String[] names = {FeatureColumns.X, FeatureColumns.T_X, FeatureColumns.T_CAL};
        UserDefinedFunction reasons = udf((UDF3<Integer, Double, Double, String>) (x, tx, t) -> {
            double base = logit(m, h, x, tx, t);
            double[] c = {
                    base - logit(m, h, (int) Math.round(med[0]), tx, t),
                    base - logit(m, h, x, Math.min(med[1], t), t),
                    base - logit(m, h, x, tx, Math.max(med[2], tx))};
            return Reasons.top(names, c);
        }, DataTypes.StringType);
        return scored.withColumn(ModelFrame.REASONS,
                reasons.apply(col(FeatureColumns.X), col(FeatureColumns.T_X), col(FeatureColumns.T_CAL)));
    }

    @Override
    public Map<String, Double> selection() {
        // In parameter order: Map.of iterates in an order that changes from one JVM to the next.
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("r", model.r());
        out.put("alpha", model.alpha());
        out.put("a", model.a());
        out.put("b", model.b());
        return out;
    }

    @Override
    public ScorerState state() {
        return ScorerState.bgNbd(model.r(), model.alpha(), model.a(), model.b(), horizon,
                medians == null ? null : java.util.Arrays.stream(medians).boxed().toList());
    }
}
