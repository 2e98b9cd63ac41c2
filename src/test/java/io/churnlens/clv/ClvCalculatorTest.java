package io.churnlens.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;

import org.junit.jupiter.api.Test;

/** The CLV sum against hand computations (tolerance 1e-12 relative), and the clv config defaults. */
class ClvCalculatorTest {
    private static final BgNbdModel BG = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

    @Test
    void withoutDiscountingTheSumTelescopesToExpectedPurchasesOverTheHorizon() {
        ClvCalculator calc = new ClvCalculator(12, 0.0, 0.3, 30.4375 / 7);
        double expected = 0.3 * 40.0 * BG.expectedPurchases(12 * 30.4375 / 7, 3, 20, 38);
        assertThat(calc.clv(BG, 3, 20, 38, 40.0)).isCloseTo(expected, within(1e-12 * expected));
    }

    @Test
    void discountsEachMonthAtItsEnd() {
        double month = 30.4375 / 7;
        ClvCalculator calc = new ClvCalculator(2, 0.05, 1.0, month);
        double first = BG.expectedPurchases(month, 3, 20, 38);
        double second = BG.expectedPurchases(2 * month, 3, 20, 38) - first;
        double expected = 40.0 * (first / 1.05 + second / (1.05 * 1.05));
        assertThat(calc.clv(BG, 3, 20, 38, 40.0)).isCloseTo(expected, within(1e-12 * expected));
    }

    @Test
    void defaultsAreReadFromTheClvSection() {
        ChurnlensConfig.Clv clv = ConfigLoader.defaults().clv();
        assertThat(clv.horizonMonths()).isEqualTo(12);
        assertThat(clv.monthlyDiscountRate()).isEqualTo(0.01);
        assertThat(clv.margin()).isEqualTo(1.0);
        assertThat(clv.purchaseModel()).isEqualTo(ChurnlensConfig.PurchaseModelChoice.BG_NBD);
        assertThat(clv.fitParetoNbd()).isTrue();
        assertThat(ConfigLoader.load(null, java.util.List.of("clv.purchase-model=pareto-nbd")).clv().purchaseModel())
                .isEqualTo(ChurnlensConfig.PurchaseModelChoice.PARETO_NBD);
        assertThat(ConfigLoader.load(null, java.util.List.of("clv.purchase-model=mbg-nbd")).clv().purchaseModel())
                .isEqualTo(ChurnlensConfig.PurchaseModelChoice.MBG_NBD);
    }
}
