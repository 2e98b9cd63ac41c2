package io.churnlens.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The expected-profit curve against values worked by hand on a ranked list of four customers. */
class CampaignProfitTest {
    // Ranked by p: customer 0 (0.9), 3 (0.7), 1 (0.5), 2 (0.2).
    private static final double[] P = {0.9, 0.5, 0.2, 0.7};
    private static final double[] VALUE = {100, 40, 300, 10};
    private static final int[] CHURNED = {1, 0, 1, 1};

    @Test
    void cheapContactsPayAllTheWayDown() {
        // save rate 0.5, cost 5: increments 0.9*0.5*100-5 = 40, 0.7*0.5*10-5 = -1.5, 0.5*0.5*40-5 = 5, 0.2*0.5*300-5 = 25
        CampaignProfit c = CampaignProfit.of(P, VALUE, CHURNED, 5, 0.5);
        assertThat(c.curve()).containsExactly(new double[]{0, 40, 38.5, 43.5, 68.5}, within(1e-12));
        assertThat(c.bestContacts()).isEqualTo(4);
        assertThat(c.bestProfit()).isCloseTo(68.5, within(1e-12));
        // with the labels: 0.5*100-5 + 0.5*10-5 + 0*40-5 + 0.5*300-5 = 45 + 0 - 5 + 145
        assertThat(c.realisedAtBest()).isCloseTo(185, within(1e-12));
        assertThat(c.profitAtPercent(50)).isCloseTo(38.5, within(1e-12));
        assertThat(c.profitAtPercent(0)).isZero();
    }

    @Test
    void dearContactsStopAtTheFirstCustomer() {
        // cost 30: increments 15, -26.5, -20, 0 -> curve 0, 15, -11.5, -31.5, -31.5
        CampaignProfit c = CampaignProfit.of(P, VALUE, CHURNED, 30, 0.5);
        assertThat(c.curve()).containsExactly(new double[]{0, 15, -11.5, -31.5, -31.5}, within(1e-12));
        assertThat(c.bestContacts()).isEqualTo(1);
        assertThat(c.bestProfit()).isCloseTo(15, within(1e-12));
        assertThat(c.realisedAtBest()).isCloseTo(20, within(1e-12));
    }

    @Test
    void noContactWhenNoneRepaysItsCost() {
        CampaignProfit c = CampaignProfit.of(P, VALUE, CHURNED, 100, 0.5);
        assertThat(c.bestContacts()).isZero();
        assertThat(c.bestProfit()).isZero();
        assertThat(c.realisedAtBest()).isZero();
    }

    @Test
    void tiesRankTheMoreValuableFirstAndNegativeValuesCountAsZero() {
        // equal p: value 50 before 10; the -20 customer is worth nothing
        CampaignProfit c = CampaignProfit.of(new double[]{0.5, 0.5, 0.9}, new double[]{10, 50, -20}, new int[]{1, 1, 1}, 1, 1);
        // order: 2 (0.9, worth 0): -1; then 1: 0.5*50-1 = 24; then 0: 0.5*10-1 = 4
        assertThat(c.curve()).containsExactly(new double[]{0, -1, 23, 27}, within(1e-12));
        assertThat(c.bestContacts()).isEqualTo(3);
    }
}
