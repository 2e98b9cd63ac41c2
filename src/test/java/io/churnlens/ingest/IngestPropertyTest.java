package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, seeded mixes of valid rows (written in formatting variants, repeated within and across runs) and bad rows
 * with a known reason. For every seed: each row ends in exactly one outcome and the counts say which; accepted rows
 * hold exactly the canonical values the test computes itself; re-ingesting any subset adds nothing.
 */
class IngestPropertyTest extends SparkTestBase {
    private static final String PATTERN_A = "yyyy-MM-dd HH:mm:ss";
    private static final String PATTERN_B = "d/M/yyyy H:mm:ss";
    private static final String[] COUNTRIES = {"GB", "DE", "NA", "FR"};

    @TempDir
    Path dir;

    /** One true transaction: what ingest must store, whatever the export's formatting. */
    record Truth(String transactionId, String customer, Instant eventTs, BigDecimal amount, String product,
                 String country) {}

    /** One input line and what must become of it (null = valid; else the quarantine reason). */
    record Line(String text, String reason) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 2026})
    void everyRowHasOneOutcomeValuesAreKeptAndReIngestAddsNothing(long seed) throws Exception {
        Random random = new Random(seed);
        IngestFixture fx = new IngestFixture(spark, dir);
        List<Truth> truths = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            truths.add(truth(random, i));
        }
        List<Truth> inA = truths.subList(0, 110);
        List<Truth> newInB = truths.subList(110, 160);
        List<Truth> againInB = new ArrayList<>(inA);
        Collections.shuffle(againInB, random);
        againInB = againInB.subList(0, 40);

        List<Line> linesA = lines(random, inA, PATTERN_A, "a");
        List<Truth> bTruths = new ArrayList<>(newInB);
        bTruths.addAll(againInB);
        List<Line> linesB = lines(random, bTruths, PATTERN_B, "b");

        ChurnlensConfig configA = IngestFixture.config("input.date-pattern=" + PATTERN_A);
        ChurnlensConfig configB = IngestFixture.config("input.date-pattern=" + PATTERN_B);
        IngestResult a = fx.ingest(configA, fx.csv("a-" + seed + ".csv", texts(linesA)), null).persist();
        assertOutcomes(a.counts(), linesA, inA.size(), 0);
        assertValues(a.accepted(), inA);
        Dataset<Row> afterA = fx.stored(a);

        IngestResult b = fx.ingest(configB, fx.csv("b-" + seed + ".csv", texts(linesB)), afterA).persist();
        assertOutcomes(b.counts(), linesB, newInB.size(), againInB.size());
        assertValues(b.accepted(), newInB);
        Dataset<Row> afterB = fx.stored(b);
        assertValues(afterB, truths);

        // Any subset of what was ingested, in new formatting variants, adds nothing.
        List<Line> subset = new ArrayList<>(lines(random, truths, PATTERN_A, "c"));
        Collections.shuffle(subset, random);
        subset = subset.subList(0, subset.size() / 3);
        IngestResult c = fx.ingest(configA, fx.csv("c-" + seed + ".csv", texts(subset)), afterB).persist();
        Map<String, Long> counts = c.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L);
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
        assertThat(fx.stored(c).count()).isEqualTo(truths.size());
        a.release();
        b.release();
        c.release();
    }

    private static Truth truth(Random random, int i) {
        String customer = switch (random.nextInt(4)) {
            case 0 -> String.valueOf(100 + random.nextInt(30));        // numeric: exported as 104 or 104.0
            case 1 -> "c" + random.nextInt(30);
            case 2 -> "Zo\u00EB" + random.nextInt(3);                   // NFC form of the id
            default -> "K-" + random.nextInt(10);
        };
        LocalDateTime time = LocalDateTime.of(2025, 1, 1, 0, 0).plusSeconds(random.nextInt(600 * 86_400));
        long cents = 1 + random.nextInt(500_000);
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(10) == 0 ? -cents : cents, 2);
        return new Truth("T" + i, customer, time.toInstant(ZoneOffset.UTC), amount, "P" + random.nextInt(20),
                COUNTRIES[random.nextInt(COUNTRIES.length)]);
    }

    /** Each truth written one to three times in random variants, shuffled with about 15% bad rows. */
    private static List<Line> lines(Random random, List<Truth> truths, String pattern, String run) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        List<Line> lines = new ArrayList<>();
        for (Truth t : truths) {
            int copies = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
            for (int k = 0; k < copies; k++) {
                String when = format.format(LocalDateTime.ofInstant(t.eventTs(), ZoneOffset.UTC));
                lines.add(new Line(String.join(",", t.transactionId(), customerVariant(random, t.customer()), when,
                        amountVariant(random, t.amount()), t.product(), t.country()), null));
            }
        }
        int bad = Math.max(1, lines.size() * 15 / 100);
        for (int i = 0; i < bad; i++) {
            lines.add(badLine(random, run + "-bad" + i, format));
        }
        Collections.shuffle(lines, random);
        return lines;
    }

    private static String customerVariant(Random random, String id) {
        String v = id;
        if (id.matches("\\d+") && random.nextBoolean()) v = id + ".0";
        if (id.startsWith("Zo\u00EB") && random.nextBoolean()) v = id.replace("\u00EB", "e\u0308");
        return switch (random.nextInt(5)) {
            case 0 -> " " + v + " ";
            case 1 -> "\u00A0" + v;
            case 2 -> "\u200B" + v + "\uFEFF";
            default -> v;
        };
    }

    private static String amountVariant(Random random, BigDecimal amount) {
        String plain = amount.toPlainString();
        return switch (random.nextInt(6)) {
            case 0 -> amount.stripTrailingZeros().toPlainString();             // 15.8, 704
            case 1 -> amount.signum() < 0 ? "-$" + amount.abs().toPlainString() : "$" + plain;
            case 2 -> " " + plain + " ";
            case 3 -> amount.setScale(3).toPlainString();                        // 15.800
            case 4 -> plain + " €";
            default -> plain;
        };
    }

    private static Line badLine(Random random, String id, DateTimeFormatter format) {
        String ok = format.format(LocalDateTime.of(2026, 2, 3, 4, 5, 6));
        return switch (random.nextInt(7)) {
            case 0 -> new Line(id + "," + List.of("", "NULL", "N/A", "#VALUE!", "\u00A0").get(random.nextInt(5))
                    + "," + ok + ",1.00,P1,GB", "MISSING_CUSTOMER");
            case 1 -> new Line(id + ",c1,31/31/2026 99:00,1.00,P1,GB", "UNPARSABLE_DATE");
            case 2 -> new Line(id + ",c1," + ok + "," + List.of("12 50", "abc", "1.2.3", "N/A").get(random.nextInt(4))
                    + ",P1,GB", "UNPARSABLE_AMOUNT");
            case 3 -> new Line(id + ",c1," + ok + "," + List.of("0.00", "99999999").get(random.nextInt(2)) + ",P1,GB",
                    "IMPLAUSIBLE_AMOUNT");
            case 4 -> new Line(id + ",c1," + format.format(LocalDateTime.of(2099, 1, 1, 0, 0)) + ",1.00,P1,GB",
                    "FUTURE_DATED");
            case 5 -> new Line(id + "," + "x".repeat(129) + "," + ok + ",1.00,P1,GB", "ID_TOO_LONG");
            default -> new Line(id + ",c1,,1.00,P1,GB", "MISSING_DATE");
        };
    }

    private static void assertOutcomes(Map<String, Long> counts, List<Line> lines, int fresh, int alreadyStored) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (QuarantineReason r : QuarantineReason.values()) reasons.put(r.name(), 0L);
        lines.stream().filter(l -> l.reason() != null).forEach(l -> reasons.merge(l.reason(), 1L, Long::sum));
        long valid = lines.stream().filter(l -> l.reason() == null).count();
        assertThat(counts).containsEntry(DataQualityColumns.ROWS_READ, (long) lines.size())
                .containsEntry(DataQualityColumns.ACCEPTED, (long) fresh)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, (long) alreadyStored)
                .containsEntry(DataQualityColumns.DUPLICATES_IN_INPUT, valid - fresh - alreadyStored)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L)
                .containsEntry(DataQualityColumns.AMOUNTS_ROUNDED, 0L);
        reasons.forEach((reason, n) -> assertThat(counts).containsEntry(DataQualityColumns.QUARANTINED_PREFIX + reason, n));
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
    }

    private static void assertValues(Dataset<Row> table, List<Truth> expected) {
        Map<String, Truth> actual = new HashMap<>();
        for (Row r : table.collectAsList()) {
            Truth t = new Truth(r.getAs(TransactionColumns.TRANSACTION_ID), r.getAs(TransactionColumns.CUSTOMER_ID),
                    r.<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant(),
                    r.getAs(TransactionColumns.AMOUNT), r.getAs(TransactionColumns.PRODUCT_ID),
                    r.getAs(TransactionColumns.COUNTRY));
            assertThat(actual.put(t.transactionId(), t)).as("one row per transaction").isNull();
        }
        Map<String, Truth> wanted = new HashMap<>();
        expected.forEach(t -> wanted.put(t.transactionId(), t));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(wanted);
    }

    private static String[] texts(List<Line> lines) {
        return lines.stream().map(Line::text).toArray(String[]::new);
    }
}
