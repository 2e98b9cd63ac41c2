package io.churnlens.model;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Trains and compares the churn scorers on one labelled set (customer_features as of a cutoff C plus the label
 * "no purchase in (C, C+H]", see {@code features.TrainingSet}):
 * <ol>
 *   <li>seeded split by customer ({@link CustomerSplit}): train / validation / holdout;</li>
 *   <li>baselines fitted on train (recency needs no fit); learned candidates fitted on class-weighted train rows
 *       with their hyper-parameters chosen on validation;</li>
 *   <li>each scorer calibrated by Platt scaling on validation;</li>
 *   <li>every scorer measured on the holdout, which neither the fits, the choice of hyper-parameters nor the
 *       calibration saw; the champion is the highest holdout ROC AUC (ties: the lower log loss).</li>
 * </ol>
 */
public final class ChurnTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ChurnTrainer.class);
    private final ChurnlensConfig.Model settings;
    private final double horizonInTimeUnits;
    private final int maxDistinctStatistics;
    private final FitBudget budget;
    /** clv.margin: the campaign values a kept customer at margin × model.campaign.value-column. */
    private double margin = 1.0;

    /**
     * @param horizonInTimeUnits H in the time unit of the features' t_x and t_cal (for the BG/NBD baseline)
     * @param budget             the BG/NBD baseline's fit budget (the CLV stage's clv.fit-max-*)
     */
    public ChurnTrainer(ChurnlensConfig.Model settings, double horizonInTimeUnits, int maxDistinctStatistics,
                        FitBudget budget) {
        this.settings = settings;
        this.horizonInTimeUnits = horizonInTimeUnits;
        this.maxDistinctStatistics = maxDistinctStatistics;
        this.budget = budget;
    }

    public ChurnTrainer(ChurnlensConfig.Model settings, double horizonInTimeUnits, int maxDistinctStatistics) {
        this(settings, horizonInTimeUnits, maxDistinctStatistics, FitBudget.DEFAULT);
    }

    public ChurnTrainer(ChurnlensConfig config) {
        this(config.model(), (double) config.churn().horizonDays() / config.time().unit().days,
                config.clv().maxDistinctStatistics(),
                new FitBudget(config.clv().fitMaxEvaluations(), config.clv().fitMaxSeconds()));
        this.margin = config.clv().margin();
    }

    /** Adds the split column (train / validation / holdout) that {@link #train} uses. */
    public Dataset<Row> split(Dataset<Row> labelled) {
        return labelled.withColumn(ModelFrame.SPLIT,
                CustomerSplit.of(settings.seed(), settings.trainFraction(), settings.validationFraction()));
    }

    public TrainingResult train(Dataset<Row> labelled) {
        requireFeatureColumns(labelled);
        Dataset<Row> withSplit = split(labelled);
        Map<String, long[]> balance = classBalance(withSplit);
        requireBothClasses(balance);
        long customers = balance.values().stream().mapToLong(c -> c[0]).sum();
        Column isTrain = col(ModelFrame.SPLIT).equalTo(ModelFrame.TRAIN);
        ModelInputs.Prepared inputs = ModelInputs.prepare(withSplit, isTrain, settings.inputs(), horizonInTimeUnits,
                maxDistinctStatistics, budget);
        // A fixed layout: the MLlib fits (and so the metrics) are the same on any cluster and partitioning.
        Dataset<Row> data = TrainingLayout.of(inputs.rows(), customers).cache();
        Dataset<Row> fitRows = null;
        try {
            long trainCustomers = balance.get(ModelFrame.TRAIN)[0];
            fitRows = TrainingSample.of(data.where(isTrain), trainCustomers, settings.maxTrainingCustomers(), settings.seed());
            if (TrainingSample.needed(trainCustomers, settings.maxTrainingCustomers())) {
                fitRows = fitRows.cache();
                LOG.info("{} training customers: BG/NBD and the learned models fit on a sample of about {} "
                        + "(model.max-training-customers)", trainCustomers, settings.maxTrainingCustomers());
            }
            Evaluation evaluation = Evaluation.forRows(balance.get(ModelFrame.VALIDATION)[0] + balance.get(ModelFrame.HOLDOUT)[0]);
            TrainingData training = new TrainingData(data, isTrain, fitRows,
                    data.where(col(ModelFrame.SPLIT).equalTo(ModelFrame.VALIDATION)), settings, horizonInTimeUnits,
                    maxDistinctStatistics, budget, evaluation, inputs.inputs());
            List<EvaluatedScorer> evaluated = new ArrayList<>();
            ParallelFits.map(configured(), scorer -> fitAndEvaluate(scorer, training)).forEach(e -> e.ifPresent(evaluated::add));
            EvaluatedScorer champion = evaluated.stream()
                    .max(Comparator.comparingDouble((EvaluatedScorer e) -> e.holdout().rocAuc())
                            .thenComparingDouble(e -> -e.holdout().logLoss()))
                    .orElseThrow();
            CampaignEvaluation.Outcome campaign = CampaignEvaluation.of(evaluated, data, settings.campaign(), margin);
            return new TrainingResult(evaluated, champion, reason(champion, evaluated), balance, campaign.profits(),
                    campaign.note());
        } finally {
            if (fitRows != null) fitRows.unpersist();
            data.unpersist();
        }
    }

    /** The configured baselines, then the candidates, in the order of the config lists. */
    private List<Scorer> configured() {
        List<Scorer> out = new ArrayList<>();
        settings.baselines().forEach(name -> out.add(Scorer.named(name)));
        settings.candidates().forEach(name -> out.add(Scorer.named(name)));
        return out;
    }

    private Optional<EvaluatedScorer> fitAndEvaluate(Scorer scorer, TrainingData training) {
        long start = System.nanoTime();
        Optional<FittedScorer> fitted = scorer.fit(training);
        if (fitted.isEmpty()) {
            LOG.warn("{} baseline left out: the BG/NBD fit is not identified", scorer.scorerName());
            return Optional.empty();
        }
        EvaluatedScorer e = training.evaluation().evaluate(fitted.get(), training.all());
        LOG.info("{}: fitted and evaluated in {} s", scorer.scorerName(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return Optional.of(e);
    }

    private static void requireBothClasses(Map<String, long[]> balance) {
        for (String s : List.of(ModelFrame.TRAIN, ModelFrame.VALIDATION, ModelFrame.HOLDOUT)) {
            long[] b = balance.getOrDefault(s, new long[]{0, 0});
            if (b[1] == 0 || b[1] == b[0]) {
                throw new NotEnoughTrainingData("the " + s + " split has " + b[0] + " customers and " + b[1]
                        + " churners: both classes are needed in every split (more customers, or other model.*-fraction values)");
            }
        }
    }

    /** Why the champion won, and whether the learned models beat the best baseline. */
    static String reason(EvaluatedScorer champion, List<EvaluatedScorer> all) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "highest holdout ROC AUC: %s %.4f",
                champion.name(), champion.holdout().rocAuc()));
        all.stream().filter(e -> e != champion)
                .max(Comparator.comparingDouble(e -> e.holdout().rocAuc()))
                .ifPresent(e -> s.append(String.format(Locale.ROOT, "; runner-up %s %.4f", e.name(), e.holdout().rocAuc())));
        Optional<EvaluatedScorer> bestBaseline = all.stream().filter(e -> isBaseline(e.name()))
                .max(Comparator.comparingDouble(e -> e.holdout().rocAuc()));
        Optional<EvaluatedScorer> bestLearned = all.stream().filter(e -> !isBaseline(e.name()))
                .max(Comparator.comparingDouble(e -> e.holdout().rocAuc()));
        if (bestBaseline.isPresent() && bestLearned.isPresent()
                && bestLearned.get().holdout().rocAuc() <= bestBaseline.get().holdout().rocAuc()) {
            s.append(String.format(Locale.ROOT, "; no learned model beats the best baseline (%s %.4f vs %s %.4f)",
                    bestLearned.get().name(), bestLearned.get().holdout().rocAuc(), bestBaseline.get().name(),
                    bestBaseline.get().holdout().rocAuc()));
        }
        return s.toString();
    }

    static boolean isBaseline(String scorer) {
        return Scorer.named(scorer).isBaseline();
    }

    private static Map<String, long[]> classBalance(Dataset<Row> data) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Row r : data.groupBy(ModelFrame.SPLIT).agg(count(lit(1)), sum(col(FeatureColumns.CHURNED).cast("long")))
                .collectAsList()) {
            out.put(r.getString(0), new long[]{r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)});
        }
        return out;
    }

    private void requireFeatureColumns(Dataset<Row> labelled) {
        List<String> columns = Arrays.asList(labelled.columns());
        List<String> missing = settings.features().stream().filter(f -> !columns.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("model.features names columns that customer_features does not have: "
                    + missing + "; choose among " + columns);
        }
        if (settings.features().contains(FeatureColumns.CHURNED)) {
            throw new IllegalArgumentException("model.features must not contain the label column " + FeatureColumns.CHURNED);
        }
    }
}
