package io.churnlens.io;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did: written as JSON under {@code _runs/} when the run ends, successful or not.
 */
public final class RunRecord {
    public final String runId;
    public final String job;
    public final String asOf;
    public final String configHash;
    public final String codeVersion;
    public final String sparkMaster;
    public final String startedAt;
    public String endedAt;
    public String status = "running";
    public String failedStage;
    public String error;
    public final List<StageRecord> stages = new ArrayList<>();

    public RunRecord(String runId, String job, LocalDate asOf, String configHash, String codeVersion, String sparkMaster) {
        this.runId = runId;
        this.job = job;
        this.asOf = asOf.toString();
        this.configHash = configHash;
        this.codeVersion = codeVersion;
        this.sparkMaster = sparkMaster;
        this.startedAt = Instant.now().toString();
    }

    /** One stage: its duration and the row counts it reported. */
    public static final class StageRecord {
        public final String stage;
        public long durationMs;
        public final Map<String, Long> counts = new LinkedHashMap<>();
        /** What the stage wants the reader to know in words (e.g. the CLV fits' verdicts). */
        public final List<String> notes = new ArrayList<>();

        public StageRecord(String stage) {
            this.stage = stage;
        }
    }
}
