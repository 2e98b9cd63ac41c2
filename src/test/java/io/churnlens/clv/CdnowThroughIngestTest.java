package io.churnlens.clv;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.churnlens.btyd.CdnowSample;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.ingest.IngestResult;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawSource;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.testing.SparkTestBase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW result reached the way a user would reach it: the raw file read through the column mapping of
 * {@code jobs/conf/cdnow.conf} (no header, runs of whitespace, CRLF, yyyyMMdd), ingested, turned into features as
 * of 1997-09-30 in weeks, and fitted by the CLV stage. Fader, Hardie and Lee (2005): r = 0.243, alpha = 4.414,
 * a = 0.793, b = 2.426, LL = -9582.4, each to be met within 1%; and with {@code clv.purchase-model = mbg-nbd}
 * the MBG/NBD values of Batislam, Denizel and Filiztekin's model on CDNOW (r 0.525, alpha 6.183, a 0.891, b 1.614). (btyd.CdnowPublishedResultTest checks the
 * fitters on statistics read straight from the file; this one checks that nothing on the way changes them.)
 */
class CdnowThroughIngestTest extends SparkTestBase {
    private static final Path CONFIG = Path.of("jobs", "conf", "cdnow.conf");

    @Test
    void bgNbdFromTheIngestedFileReproducesThePaper() {
        Assumptions.assumeTrue(Files.exists(CdnowSample.FILE), "CDNOW sample not found at "
                + CdnowSample.FILE.toAbsolutePath() + " (expected ../shared/data/cdnow beside the repository); skipped");
        ChurnlensConfig config = ConfigLoader.load(CONFIG, List.of());
        IngestResult ingested = new Ingestion(config, config.run().asOf(), "cdnow-test")
                .apply(RawSource.read(spark, config), null).persist();
        try {
            Map<String, Long> counts = ingested.counts();
            System.out.println("CDNOW ingest: " + counts);
            // 6,919 rows, none bad: all kept (rows after the 1997-09-30 snapshot too; the features filter them).
            assertThat(counts.get(DataQualityColumns.ROWS_READ)).isEqualTo(6919);
            assertThat(counts.get(DataQualityColumns.QUARANTINED)).isZero();
            assertThat(counts.get(DataQualityColumns.ACCEPTED) + counts.get(DataQualityColumns.QUARANTINED)
                    + counts.get(DataQualityColumns.DUPLICATES_IN_INPUT)).isEqualTo(6919);

            Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(config))
                    .asOf(ingested.accepted(), config.run().asOf());
            ClvAnalysis.Result result = new ClvAnalysis(config).run(features);
            result.fits().forEach(f -> System.out.println("CDNOW via ingest: " + f));

            ModelFit bgNbd = result.fits().stream().filter(f -> f.model().equals("bg_nbd")).findFirst().orElseThrow();
            assertThat(bgNbd.converged()).as(bgNbd.note()).isTrue();
            assertThat(bgNbd.customers()).isEqualTo(2357);
            assertThat(bgNbd.value("r")).isCloseTo(0.243, withinPercentage(1));
            assertThat(bgNbd.value("alpha")).isCloseTo(4.414, withinPercentage(1));
            assertThat(bgNbd.value("a")).isCloseTo(0.793, withinPercentage(1));
            assertThat(bgNbd.value("b")).isCloseTo(2.426, withinPercentage(1));
            assertThat(bgNbd.logLikelihood()).isCloseTo(-9582.4, withinPercentage(1));

            // MBG/NBD chosen by the user's key (clv.purchase-model = mbg-nbd) on the same ingested features:
            // Batislam et al. (2007)'s model on CDNOW, r = 0.525, alpha = 6.183, a = 0.891, b = 1.614, within 1%.
            ChurnlensConfig mbgConfig = ConfigLoader.load(CONFIG, List.of("clv.purchase-model=mbg-nbd"));
            ClvAnalysis.Result mbgResult = new ClvAnalysis(mbgConfig).run(features);
            ModelFit mbg = mbgResult.fits().stream().filter(f -> f.model().equals("mbg_nbd")).findFirst().orElseThrow();
            System.out.println("CDNOW via ingest: " + mbg);
            assertThat(mbg.converged()).as(mbg.toString()).isTrue();
            assertThat(mbg.customers()).isEqualTo(2357);
            assertThat(mbg.value("r")).isCloseTo(0.525, withinPercentage(1));
            assertThat(mbg.value("alpha")).isCloseTo(6.183, withinPercentage(1));
            assertThat(mbg.value("a")).isCloseTo(0.891, withinPercentage(1));
            assertThat(mbg.value("b")).isCloseTo(1.614, withinPercentage(1));
            assertThat(mbgResult.valuation().orElseThrow().purchaseModel().name()).isEqualTo("mbg_nbd");
        } finally {
            ingested.release();
        }
    }
}
