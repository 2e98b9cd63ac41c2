package io.churnlens.clv;

import io.churnlens.btyd.PurchaseModel;

import java.io.Serializable;

/**
 * Customer lifetime value over a finite horizon, discounted monthly:
 *
 * <pre>
 *   CLV = sum_{m=1..N} margin * E[spend] * (E[Y(m L)] - E[Y((m-1) L)]) / (1 + d)^m
 * </pre>
 *
 * where E[Y(t)] is the purchase model's expected number of purchases in (T, T+t] given (x, t_x, T), L is one month
 * in model time units ({@code time.days-per-month} / days per unit), N = {@code clv.horizon-months},
 * d = {@code clv.monthly-discount-rate} and E[spend] the Gamma-Gamma expected spend per purchase. Purchases expected
 * in month m are discounted as if made at its end (conservative by about half a month's discounting).
 *
 * <p>Danger: the product of expectations assumes spend independent of purchase frequency, the Gamma-Gamma
 * assumption; check it on the data (correlation of x with mean spend) before trusting CLV.
 */
public record ClvCalculator(int horizonMonths, double monthlyDiscountRate, double margin, double monthInModelUnits)
        implements Serializable {

    public ClvCalculator {
        if (horizonMonths <= 0 || monthlyDiscountRate < 0 || margin < 0 || !(monthInModelUnits > 0)) {
            throw new IllegalArgumentException("CLV needs horizon > 0, discount rate >= 0, margin >= 0 and a month > 0");
        }
    }

    /** Length of the horizon in model time units. */
    public double horizon() {
        return horizonMonths * monthInModelUnits;
    }

    public double clv(PurchaseModel model, int x, double tx, double t, double expectedSpend) {
        double previous = 0, value = 0, discount = 1;
        for (int m = 1; m <= horizonMonths; m++) {
            double cumulative = model.expectedPurchases(m * monthInModelUnits, x, tx, t);
            discount /= 1 + monthlyDiscountRate;
            value += (cumulative - previous) * discount;
            previous = cumulative;
        }
        return margin * expectedSpend * value;
    }
}
