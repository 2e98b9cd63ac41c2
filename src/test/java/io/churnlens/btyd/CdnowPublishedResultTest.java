package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.churnlens.btyd.fit.FitState;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fader, Hardie and Lee (2005) fit BG/NBD on the CDNOW 1/10 sample with a 39-week calibration period ending
 * 1997-09-30, in weeks: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4. We must reproduce each
 * parameter within 1% and the log-likelihood within 0.1 (it is published to one decimal), with the fit IDENTIFIED. Pareto/NBD and Gamma-Gamma are fitted on the same data, printed, and checked against the values Fader and
 * Hardie published for this sample in their technical notes ("A note on implementing the Pareto/NBD model in
 * MATLAB", 2005: r = 0.553, alpha = 10.58, s = 0.606, beta = 11.67, LL = -9595.0 (within 0.1); "The Gamma-Gamma model of
 * monetary value", 2013, on the 946 repeat customers: p = 6.25, q = 3.74, gamma = 15.44), within 2%.
 */
class CdnowPublishedResultTest {
    private static CdnowSample cdnow;
    private static RfmTable table;

    @BeforeAll
    static void read() throws Exception {
        Assumptions.assumeTrue(Files.exists(CdnowSample.FILE), "CDNOW sample not found at "
                + CdnowSample.FILE.toAbsolutePath() + " (expected ../shared/data/cdnow beside the repository); "
                + "skipping the published-result check");
        cdnow = CdnowSample.read(LocalDate.of(1997, 9, 30));
        table = RfmTable.ofCustomers(cdnow.x, cdnow.tx, cdnow.t);
    }

    @Test
    void bgNbdReproducesFaderHardieLee2005() {
        assertThat(cdnow.customers()).isEqualTo(2357);
        Fitted<BgNbdModel> fitted = BgNbdFitter.fit(table);
        System.out.println("CDNOW BG/NBD: " + fitted.fit());
        assertThat(fitted.converged()).as(fitted.fit().note()).isTrue();
        BgNbdModel m = fitted.model();
        assertThat(m.r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(m.alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(m.a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(m.b()).isCloseTo(2.426, withinPercentage(1));
        // Published to one decimal: within 0.1 of it.
        assertThat(fitted.fit().logLikelihood()).isCloseTo(-9582.4, within(0.1));
        assertThat(fitted.state()).as(fitted.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        for (double se : fitted.fit().standardErrors()) assertThat(se).isPositive().isFinite();
    }

    @Test
    void paretoNbdAndGammaGammaFitTheSameData() {
        Fitted<ParetoNbdModel> pnbd = ParetoNbdFitter.fit(table);
        System.out.println("CDNOW Pareto/NBD: " + pnbd.fit());
        assertThat(pnbd.converged()).as(pnbd.fit().note()).isTrue();
        assertThat(pnbd.state()).as(pnbd.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        assertThat(pnbd.fit().logLikelihood()).isCloseTo(-9595.0, within(0.1));
        assertThat(pnbd.model().r()).isCloseTo(0.553, withinPercentage(2));
        assertThat(pnbd.model().alpha()).isCloseTo(10.58, withinPercentage(2));
        assertThat(pnbd.model().s()).isCloseTo(0.606, withinPercentage(2));
        assertThat(pnbd.model().beta()).isCloseTo(11.67, withinPercentage(2));

        int[] repeaters = IntStream.range(0, cdnow.customers()).filter(i -> cdnow.x[i] > 0).toArray();
        SpendTable spend = SpendTable.ofCustomers(
                IntStream.of(repeaters).map(i -> cdnow.x[i]).toArray(),
                IntStream.of(repeaters).mapToDouble(i -> cdnow.repeatSpendMean[i]).toArray());
        Fitted<GammaGammaModel> gg = GammaGammaFitter.fit(spend);
        System.out.println("CDNOW Gamma-Gamma on " + repeaters.length + " repeat customers: " + gg.fit());
        assertThat(gg.state()).as(gg.fit().toString()).isEqualTo(FitState.IDENTIFIED);
        assertThat(repeaters).hasSize(946);
        assertThat(gg.model().p()).isCloseTo(6.25, withinPercentage(2));
        assertThat(gg.model().q()).isCloseTo(3.74, withinPercentage(2));
        assertThat(gg.model().gamma()).isCloseTo(15.44, withinPercentage(2));
        double observedMean = IntStream.of(repeaters).mapToDouble(i -> cdnow.repeatSpendMean[i]).average().orElseThrow();
        // The fitted population mean spend should be near the observed average of customer means (within 15%).
        assertThat(gg.model().populationMeanSpend()).isCloseTo(observedMean, within(0.15 * observedMean));
    }
}
