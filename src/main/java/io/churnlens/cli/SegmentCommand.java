package io.churnlens.cli;

import io.churnlens.segment.SegmentStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Scores RFM quintiles, names the RFM segments and fits seeded k-means clusters (k chosen by",
                "silhouette) on customer_features as of --as-of; writes customer_segments, segment_summary and",
                "cluster_k_selection."})
public final class SegmentCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new SegmentStage();
    }
}
