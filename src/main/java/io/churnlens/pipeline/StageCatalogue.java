package io.churnlens.pipeline;

import io.churnlens.clv.ClvStage;
import io.churnlens.drift.DriftStage;
import io.churnlens.features.FeaturesStage;
import io.churnlens.impact.ImpactStage;
import io.churnlens.ingest.IngestStage;
import io.churnlens.model.BacktestStage;
import io.churnlens.model.ScoreStage;
import io.churnlens.model.TrainStage;
import io.churnlens.report.ReportStage;
import io.churnlens.segment.SegmentStage;
import io.churnlens.stage.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Every stage, in the order the pipeline runs them for one snapshot. Each reads what earlier ones published, so each
 * can also run alone as its own subcommand; the README's stage table is checked against this list.
 */
public final class StageCatalogue {
    private StageCatalogue() {}

    public static Stage ingest() {
        return new IngestStage();
    }

    /**
     * The stages after ingest. Train, score and backtest are the pipeline's lenient variants: a snapshot with too
     * little labelled history gets a warning and no model (no back-test rows) instead of a failed run.
     */
    public static List<Stage> analysis() {
        return List.of(new FeaturesStage(), new SegmentStage(), new ClvStage(), TrainStage.whenPossible(),
                ScoreStage.whenModelExists(), BacktestStage.whenPossible(), new ImpactStage(), new DriftStage(),
                new ReportStage());
    }

    /** The stages that run only as their own job, not in the pipeline: none since backtest joined it. */
    public static List<Stage> onDemand() {
        return List.of();
    }

    /** Ingest, the analysis stages, then the on-demand ones: every stage once. */
    public static List<Stage> all() {
        List<Stage> all = new ArrayList<>();
        all.add(ingest());
        all.addAll(analysis());
        all.addAll(onDemand());
        return List.copyOf(all);
    }
}
