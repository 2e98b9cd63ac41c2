package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.InputException;
import io.churnlens.schema.DataQualityColumns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * The verdict on an ingest before its transactions are published: the reject limit, then warnings. It fails (an {@link InputException}, exit 3:
 * the input, or the config that reads it, is wrong; the data engineer fixes it and re-runs) when the share of
 * quarantined rows is above {@code ingest.max-reject-share}, or when a non-empty input yields no usable row at all
 * (none accepted, none already stored). Below the limit, any reject is a warning, and so are conflicts with stored
 * lines (with a sample) and amounts rounded to cents.
 */
public final class IngestVerdict {
    private static final int TOP_REASONS = 3;
    private static final Map<String, String> FIXES = Map.ofEntries(
            Map.entry(QuarantineReason.MALFORMED_ROW.name(), "check input.delimiter, input.header and input.format"),
            Map.entry(QuarantineReason.ENCODING.name(), "check input.encoding (e.g. ISO-8859-1 or windows-1252 for Latin-1 exports)"),
            Map.entry(QuarantineReason.MISSING_CUSTOMER.name(), "check mapping.customer-id and input.null-tokens"),
            Map.entry(QuarantineReason.MISSING_DATE.name(), "check mapping.event-time"),
            Map.entry(QuarantineReason.UNPARSABLE_DATE.name(), "check input.date-pattern (and mapping.event-time)"),
            Map.entry(QuarantineReason.UNPARSABLE_AMOUNT.name(), "check mapping.amount (or quantity / unit-price) and input.grouping-separator"),
            Map.entry(QuarantineReason.FRACTIONAL_QUANTITY.name(), "check mapping.quantity (a weight or a price is not a count)"),
            Map.entry(QuarantineReason.IMPLAUSIBLE_AMOUNT.name(), "check mapping.amount and ingest.min-abs-amount / max-abs-amount"),
            Map.entry(QuarantineReason.DATE_OUT_OF_RANGE.name(), "check input.date-pattern and ingest.min-date"),
            Map.entry(QuarantineReason.FUTURE_DATED.name(), "check input.date-pattern, input.timezone and ingest.future-tolerance-days"),
            Map.entry(QuarantineReason.ID_TOO_LONG.name(), "check mapping.customer-id / transaction-id / product-id and ingest.max-id-length"));

    private IngestVerdict() {}

    /**
     * @param quarantinePath where this run's quarantine is written, for the message
     * @return warnings to print (empty when the ingest is clean)
     * @throws InputException when the ingest must not publish its transactions
     */
    public static List<String> check(ChurnlensConfig.Ingest settings, Map<String, Long> counts, IngestResult result,
                                     String quarantinePath) {
        // Rows of files refused for a missing column fail the run on their own (naming the files), after the other
        // files are published: they do not count towards the reject share of the files that were read.
        long refused = counts.getOrDefault(DataQualityColumns.QUARANTINED_PREFIX + QuarantineReason.MISSING_COLUMN, 0L);
        long read = counts.get(DataQualityColumns.ROWS_READ) - refused;
        long quarantined = counts.get(DataQualityColumns.QUARANTINED) - refused;
        long usable = read - quarantined;
        double share = read == 0 ? 0 : (double) quarantined / read;
        if (read > 0 && usable == 0) {
            throw new InputException(String.format(Locale.ROOT, "no usable row: all %d rows read were quarantined; "
                    + "transactions not published. %s. Rejected rows: %s", read, topReasons(counts, result), quarantinePath));
        }
        if (share > settings.maxRejectShare()) {
            throw new InputException(String.format(Locale.ROOT, "%d of %d rows (%.1f%%) were quarantined, above "
                            + "ingest.max-reject-share %s; transactions not published. %s. Rejected rows: %s (raise "
                            + "ingest.max-reject-share only if these rejects are expected)", quarantined, read,
                    100 * share, settings.maxRejectShare(), topReasons(counts, result), quarantinePath));
        }
        List<String> warnings = new ArrayList<>();
        if (quarantined > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d rows (%.2f%%) quarantined, within ingest.max-reject-share "
                    + "%s: %s. Rejected rows: %s", quarantined, read, 100 * share, settings.maxRejectShare(),
                    topReasons(counts, result), quarantinePath));
        }
        long conflicts = counts.getOrDefault(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L);
        if (conflicts > 0) {
            warnings.add(conflicts + " new row(s) conflict with lines stored by earlier runs (ingest.conflict-rule = "
                    + settings.conflictRule().name().toLowerCase(Locale.ROOT) + "): a transaction id + product id "
                    + "stored with other values; " + String.join("; ", result.conflictSample(3)));
        }
        long rounded = counts.getOrDefault(DataQualityColumns.AMOUNTS_ROUNDED, 0L);
        if (rounded > 0) {
            warnings.add(rounded + " accepted amount(s) had digits below the cent and were rounded half-up to cents");
        }
        return warnings;
    }

    /**
     * The largest reasons with their counts, what the rule expected of which column, and the fix each: no row
     * contents and no values (logs are read by more people than the quarantine; it holds the rows).
     */
    private static String topReasons(Map<String, Long> counts, IngestResult result) {
        List<Map.Entry<String, Long>> reasons = counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(DataQualityColumns.QUARANTINED_PREFIX) && e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS).toList();
        Map<String, String> expected = result.expected();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : reasons) {
            String reason = e.getKey().substring(DataQualityColumns.QUARANTINED_PREFIX.length());
            parts.add(reason + " " + e.getValue() + " (expected: " + expected.get(reason) + "; fix: "
                    + FIXES.getOrDefault(reason, "see the README's reason codes") + ")");
        }
        return "Top reasons: " + String.join("; ", parts);
    }
}
