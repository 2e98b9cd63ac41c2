package io.churnlens.schema;

/** Names of the tables under the output root (see README, "Data layout"). */
public final class Tables {
    private Tables() {}

    public static final String TRANSACTIONS = "transactions";
    public static final String QUARANTINE = "quarantine";
    public static final String DATA_QUALITY = "data_quality";
    /** Partition column of every report table. */
    public static final String AS_OF = "as_of";
}
