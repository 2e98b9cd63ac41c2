package io.churnlens.clv;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.Purchases;
import io.churnlens.ingest.IngestResult;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawSource;
import io.churnlens.schema.ClvColumns;
import io.churnlens.testing.SparkTestBase;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The figures behind the clv defaults (README, CLV): the holdout check of BG/NBD, MBG/NBD and each with
 * clv.covariates = [country, channel], on the bundled sample (fit as of 2026-09-30 minus 90 days, judged on the 90
 * days) and on CDNOW (fit as of 1997-09-30, judged on the 39 weeks to 1998-06-30). Not part of the suite (the name
 * does not end in Test): run with {@code CHURNLENS_HOME=$PWD mvn -B -o test -Dtest=PurchaseModelHoldoutFigures}.
 */
class PurchaseModelHoldoutFigures extends SparkTestBase {
    private static final List<List<String>> VARIANTS = List.of(
            List.of("clv.purchase-model=bg-nbd"), List.of("clv.purchase-model=mbg-nbd"),
            List.of("clv.purchase-model=bg-nbd", "clv.covariates=[country, channel]"),
            List.of("clv.purchase-model=mbg-nbd", "clv.covariates=[country, channel]"));

    @Test
    void sample() {
        figures(Path.of("jobs", "conf", "local-sample.conf"), null, 90);
    }

    @Test
    void cdnow() {
        figures(Path.of("jobs", "conf", "cdnow.conf"), LocalDate.of(1998, 6, 30), 273);
    }

    /** @param end the end of the holdout (null: the run's as-of, the calibration ending holdoutDays before) */
    private void figures(Path configFile, LocalDate end, int holdoutDays) {
        ChurnlensConfig base = ConfigLoader.load(configFile, List.of());
        LocalDate holdoutEnd = end == null ? base.run().asOf() : end;
        LocalDate cutoff = holdoutEnd.minusDays(holdoutDays);
        IngestResult ingested = new Ingestion(base, holdoutEnd, "figures").apply(RawSource.read(spark, base), null).persist();
        Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(base)).asOf(ingested.accepted(), cutoff).persist();
        Dataset<Row> holdout = Purchases.purchaseDaysBetween(ingested.accepted(), cutoff, holdoutEnd, ClvColumns.X_HOLDOUT);
        for (List<String> variant : VARIANTS) {
            ClvAnalysis analysis = new ClvAnalysis(ConfigLoader.load(configFile, variant));
            List<Row> table = analysis.holdout(features, holdout, holdoutDays).orElseThrow().collectAsList();
            double bucketError = 0;
            for (Row r : table) if (!r.getString(1).equals("total")) bucketError += Math.abs(r.getDouble(4) - r.getDouble(3));
            Row total = table.get(table.size() - 1);
            System.out.printf("FIGURES %s %s: model %s, customers %d, actual %.0f, predicted %.1f (%+.1f%%), "
                            + "sum of |bucket error| %.1f (%.1f%% of actual); buckets %s%n", configFile.getFileName(),
                    variant, total.getString(0), total.getLong(2), total.getDouble(3), total.getDouble(4),
                    100 * (total.getDouble(4) / total.getDouble(3) - 1), bucketError,
                    100 * bucketError / total.getDouble(3), table.stream().map(r -> String.format("%s:%.0f/%.1f",
                            r.getString(1), r.getDouble(3), r.getDouble(4))).toList());
        }
        if (end == null) {
            // The fit as of T itself, with covariates: its likelihood-ratio test against BG/NBD without them.
            Dataset<Row> asOfT = new CustomerFeatures(FeatureSpec.from(base)).asOf(ingested.accepted(), holdoutEnd);
            new ClvAnalysis(ConfigLoader.load(configFile, List.of("clv.fit-pareto-nbd=false",
                    "clv.covariates=[country, channel]"))).run(asOfT).fits()
                    .forEach(f -> System.out.println("FIGURES fit as of T: " + f));
        }
        ingested.release();
    }
}
