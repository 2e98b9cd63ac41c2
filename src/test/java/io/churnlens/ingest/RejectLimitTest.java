package io.churnlens.ingest;

import io.churnlens.cli.Main;
import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.InputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11 item 4: too many rejects stop the ingest before transactions are published. */
class RejectLimitTest extends IngestTestBase {
    @Test
    void aWrongDatePatternFailsNamingTheReasonTheColumnWhatWasExpectedAndTheFixButNoValue() throws Exception {
        Path file = fx.csv("tx.csv", "t1,c1,2026-01-05 10:00:00,1,p1,GB", "t2,c2,2026-01-06 10:00:00,2,p1,GB",
                "t3,,2026-01-06 10:00:00,2,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config("input.date-pattern=dd/MM/yyyy"), file, null);
        Map<String, Long> counts = result.counts();
        assertThatThrownBy(() -> IngestVerdict.check(IngestFixture.config().ingest(), counts, result, "/q/run-1"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("no usable row: all 3 rows read were quarantined; transactions not published.")
                .hasMessageContaining("UNPARSABLE_DATE 2 (expected: column 'order_ts' holds times matching "
                        + "input.date-pattern 'dd/MM/yyyy'; fix: check input.date-pattern")
                .hasMessageContaining("MISSING_CUSTOMER 1 (expected: column 'customer_id' (mapping.customer-id) "
                        + "holds a customer id")
                .hasMessageContaining("Rejected rows: /q/run-1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t1").doesNotContain("2026-01-05")
                        .doesNotContain("c2"));
    }

    @Test
    void aboveTheShareItFailsAndBelowItWarns() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add("t" + i + ",c" + i + ",2026-01-05 10:00:00," + (i + 1) + ",p1,GB");
        }
        lines.add("bad,c1,2026-01-05 10:00:00,12 50,p1,GB");   // 1 of 20 = 5%
        lines.add("bad2,c1,2026-01-05 10:00:00,abc,p1,GB");    // 2 of 21 = 9.5%
        Path file = fx.csv("tx.csv", lines.toArray(String[]::new));
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        Map<String, Long> counts = result.counts();
        assertThatThrownBy(() -> IngestVerdict.check(IngestFixture.config().ingest(), counts, result, "q"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("2 of 21 rows (9.5%) were quarantined, above ingest.max-reject-share 0.05; "
                        + "transactions not published. Top reasons: UNPARSABLE_AMOUNT 2 (expected: 'amount' holds numbers");

        List<String> warnings = IngestVerdict.check(IngestFixture.config("ingest.max-reject-share=0.1").ingest(),
                counts, result, "q");
        assertThat(warnings).singleElement().asString()
                .startsWith("2 of 21 rows (9.52%) quarantined, within ingest.max-reject-share 0.1: Top reasons: "
                        + "UNPARSABLE_AMOUNT 2").endsWith("Rejected rows: q").doesNotContain("12 50").doesNotContain("abc");
    }

    @Test
    void aCleanReIngestOfStoredRowsIsNotAFailure() throws Exception {
        Path file = fx.csv("tx.csv", "t1,c1,2026-01-05 10:00:00,1,p1,GB");
        IngestResult first = fx.ingest(IngestFixture.config(), file, null);
        IngestResult again = fx.ingest(IngestFixture.config(), file, fx.stored(first));
        Map<String, Long> counts = again.counts();
        assertThat(counts).containsEntry("accepted", 0L);
        assertThat(IngestVerdict.check(IngestFixture.config().ingest(), counts, again, "q")).isEmpty();
    }

    @Test
    void theIngestCommandExitsThreeAndPublishesNoTransactions() throws Exception {
        Path file = fx.csv("tx.csv", "t1,c1,05/01/2026,1,p1,GB", "t2,c1,2026-01-05 10:00:00,1,p1,GB");
        Path out = dir.resolve("out");
        int exit = Main.run("ingest", "--input", file.toString(), "--output", out.toString(), "--as-of", "2026-09-30");
        assertThat(exit).isEqualTo(3);
        assertThat(out.resolve("transactions")).doesNotExist();
        try (var quarantine = Files.list(out.resolve("quarantine"))) {
            assertThat(quarantine.toList()).singleElement().asString().contains("ingest_run=");
        }
    }

    @Test
    void contradictorySettingsAreRefusedAtConfigTime() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("ingest.min-abs-amount=500", "ingest.max-abs-amount=100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'ingest.min-abs-amount' is '500.0'")
                .hasMessageContaining("not above ingest.max-abs-amount (100.0)");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("ingest.max-reject-share=1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.max-reject-share");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("input.grouping-separator=.")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("input.grouping-separator");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("ingest.conflict-rule=newest")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[latest, earliest]");
        assertThat(Main.run("ingest", "--set", "ingest.min-abs-amount=500", "--set", "ingest.max-abs-amount=100"))
                .isEqualTo(2);
    }
}
