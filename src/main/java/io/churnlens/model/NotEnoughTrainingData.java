package io.churnlens.model;

/**
 * The labelled customers cannot be split into train, validation and holdout with both classes in each: too little
 * history before the snapshot (typically the first quarters of a backfill). The pipeline skips training for such a
 * snapshot; the {@code train} job fails with this message.
 */
public final class NotEnoughTrainingData extends IllegalArgumentException {
    public NotEnoughTrainingData(String message) {
        super(message);
    }
}
