package io.churnlens.model;

import java.util.List;
import java.util.Map;

/**
 * What {@link ChurnTrainer} produced: every scorer evaluated, the champion and why, the class balance per split
 * (split → {customers, churners}), and each scorer's retention-campaign profit on the holdout (scorer →
 * {@link CampaignProfit}; empty with {@code campaignNote} saying why when it cannot be computed).
 */
public record TrainingResult(List<EvaluatedScorer> evaluated, EvaluatedScorer champion, String championReason,
                             Map<String, long[]> classBalance, Map<String, CampaignProfit> campaigns,
                             String campaignNote) {

    /** Without campaign figures. */
    public TrainingResult(List<EvaluatedScorer> evaluated, EvaluatedScorer champion, String championReason,
                          Map<String, long[]> classBalance) {
        this(evaluated, champion, championReason, classBalance, Map.of(), null);
    }
}
