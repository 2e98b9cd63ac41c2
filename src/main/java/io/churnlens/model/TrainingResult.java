package io.churnlens.model;

import java.util.List;
import java.util.Map;

/**
 * What {@link ChurnTrainer} produced: every scorer evaluated, the champion and why, and the class balance per split
 * (split → {customers, churners}).
 */
public record TrainingResult(List<EvaluatedScorer> evaluated, EvaluatedScorer champion, String championReason,
                             Map<String, long[]> classBalance) {}
