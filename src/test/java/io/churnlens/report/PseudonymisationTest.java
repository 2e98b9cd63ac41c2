package io.churnlens.report;

import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import io.churnlens.config.PseudonymSettings;
import io.churnlens.impact.RevenueAtRisk;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SmallPipelineRun;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With pseudonymisation on (the default), no raw customer id of a real run appears anywhere under management/, and
 * the report shows the keyed pseudonyms of the customers at risk instead; the key comes only from where the config
 * points, and without it the run refuses with the fix.
 */
class PseudonymisationTest extends SparkTestBase {
    /** The key surefire sets in CHURNLENS_PSEUDONYM_KEY (pom.xml). */
    private static final byte[] TEST_KEY = System.getenv("CHURNLENS_PSEUDONYM_KEY").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void noRawIdAppearsUnderManagement() throws IOException {
        Path root = SmallPipelineRun.output();
        List<String> ids = spark.read().parquet(root.resolve("transactions").toString())
                .select(TransactionColumns.CUSTOMER_ID).distinct().as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertThat(ids).hasSizeGreaterThan(100);
        Pattern anyId = Pattern.compile("(?<![\\w.,])(" + String.join("|", ids.stream().map(Pattern::quote).toList())
                + ")(?![\\w.,])");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("management"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString())).contains("report.html", "key_figures.csv");
        for (Path f : files) {
            Matcher m = anyId.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            assertThat(m.find()).as("raw customer id %s in %s", m.find(0) ? m.group(1) : "", f).isFalse();
        }
        String page = Files.readString(root.resolve("management/2026-Q3/report.html"));
        List<Row> top = RevenueAtRisk.topCustomers(spark.read().parquet(
                root.resolve("reports/customer_scores/as_of=" + SmallPipelineRun.AS_OF).toString()), 10);
        assertThat(top).isNotEmpty();
        Pseudonyms pseudonyms = Pseudonyms.withKey(TEST_KEY);
        for (Row r : top) {
            String id = r.getAs(ScoreColumns.CUSTOMER_ID);
            assertThat(page).contains("<td>" + pseudonyms.of(id) + "</td>").doesNotContain("<td>" + id + "</td>");
        }
        assertThat(page).contains("Customer (pseudonym)");
    }

    @Test
    void pseudonymsAreKeyedStableAndShort() {
        Pseudonyms a = Pseudonyms.withKey("a".repeat(40).getBytes(StandardCharsets.UTF_8));
        Pseudonyms b = Pseudonyms.withKey("b".repeat(40).getBytes(StandardCharsets.UTF_8));
        assertThat(a.of("10315")).isEqualTo(a.of("10315")).matches("p_[0-9a-f]{16}")
                .isNotEqualTo(a.of("10316")).isNotEqualTo(b.of("10315"));
        assertThat(Pseudonyms.NONE.of("10315")).isEqualTo("10315");
        assertThat(a.toString()).doesNotContain("aaaa");
    }

    @Test
    void aMissingOrShortKeyRefusesWithTheFix() throws IOException {
        PseudonymSettings absentEnv = ConfigLoader.load(null,
                List.of("pseudonymise.key-source=\"env:CHURNLENS_TEST_NO_SUCH_KEY\"")).pseudonymise();
        assertThatThrownBy(() -> Pseudonyms.forManagement(absentEnv)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHURNLENS_TEST_NO_SUCH_KEY is not set")
                .hasMessageContaining("pseudonymise.management = false");
        Path shortKey = Files.writeString(dir.resolve("short.key"), "tooshort\n");
        PseudonymSettings shortFile = ConfigLoader.load(null,
                List.of("pseudonymise.key-source=\"file:" + shortKey + "\"")).pseudonymise();
        assertThatThrownBy(() -> Pseudonyms.forManagement(shortFile)).hasMessageContaining("fewer than 32")
                .hasMessageNotContaining("tooshort");
        Path goodKey = Files.writeString(dir.resolve("good.key"), "k".repeat(40) + "\n");
        PseudonymSettings fromFile = ConfigLoader.load(null,
                List.of("pseudonymise.key-source=\"file:" + goodKey + "\"")).pseudonymise();
        assertThat(Pseudonyms.forManagement(fromFile).of("1"))
                .isEqualTo(Pseudonyms.withKey(("k".repeat(40)).getBytes(StandardCharsets.UTF_8)).of("1"));
        PseudonymSettings off = ConfigLoader.load(null, List.of("pseudonymise.management=false",
                "pseudonymise.key-source=\"env:CHURNLENS_TEST_NO_SUCH_KEY\"")).pseudonymise();
        assertThat(Pseudonyms.forManagement(off).enabled()).isFalse();
    }

    @Test
    void theConfigNamesASourceNeverTheKey() {
        String secret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("pseudonymise.key-source=" + secret)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env:VARIABLE")
                .hasMessageNotContaining(secret);
    }
}
