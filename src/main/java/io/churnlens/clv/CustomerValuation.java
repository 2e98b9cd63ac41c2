package io.churnlens.clv;

import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.CovariateModel;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.PurchaseModel;

import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to value one customer, fitted once on the driver and broadcast: the purchase model used for
 * expected purchases and CLV, the optional Pareto/NBD (for its P(alive)), the spend model (null when it is not
 * identified or has no finite mean) and the CLV settings. Only models the verdict allows may be put here
 * ({@link Fitted#purchaseModelToUse()}): an identified model, or the NBD limit of a fit at the no-drop-out boundary
 * (then P(alive) = 1 and the expected purchases are the NBD's).
 *
 * @param paretoNbd  the model behind {@code p_alive_pareto_nbd}: the Pareto/NBD, or its NBD limit; null when neither
 * @param covariates the covariate model ({@code clv.covariates}) when it values the customers, else null: each
 *                   customer then gets the BG/NBD (MBG/NBD) of their cell
 */
public record CustomerValuation(PurchaseModel purchaseModel, PurchaseModel paretoNbd, GammaGammaModel spendModel,
                                ClvCalculator calculator, CovariateModel covariates) implements Serializable {

    /** Without covariates: every customer valued by {@code purchaseModel}. */
    public CustomerValuation(PurchaseModel purchaseModel, PurchaseModel paretoNbd, GammaGammaModel spendModel,
                             ClvCalculator calculator) {
        this(purchaseModel, paretoNbd, spendModel, calculator, null);
    }

    /** The customer_features columns the covariate model reads, in its order (empty without covariates). */
    public List<String> covariateColumns() {
        return covariates == null ? List.of() : covariates.design().columns();
    }

    /**
     * The customer's purchase model: the covariate model's cell model for these raw values of
     * {@link #covariateColumns()}, or {@code purchaseModel} without covariates.
     */
    public PurchaseModel modelFor(String[] covariateValues) {
        return covariates == null ? purchaseModel : covariates.forCustomer(covariateValues);
    }

    /** Per-customer result; doubles are NaN where not available (written as null). */
    public record Value(double pAlive, double pAliveParetoNbd, double expectedPurchases, double expectedSpend,
                        SpendFlag spendFlag, double clv) {}

    /**
     * @param repeatSpendMean mean net value of the repeat purchase days, NaN when absent (x = 0 or null)
     */
    public Value value(int x, double tx, double t, double repeatSpendMean) {
        return value(purchaseModel, x, tx, t, repeatSpendMean);
    }

    /** As {@link #value(int, double, double, double)} with the customer's own purchase model. */
    public Value value(PurchaseModel purchaseModel, int x, double tx, double t, double repeatSpendMean) {
        double pAlive = purchaseModel.pAlive(x, tx, t);
        double pAlivePareto = paretoNbd == null ? Double.NaN : paretoNbd.pAlive(x, tx, t);
        double expectedPurchases = purchaseModel.expectedPurchases(calculator.horizon(), x, tx, t);
        SpendFlag flag;
        double spend;
        if (spendModel == null || Double.isNaN(spendModel.populationMeanSpend())) {
            flag = SpendFlag.SPEND_MODEL_UNAVAILABLE;
            spend = Double.NaN;
        } else if (x == 0 || Double.isNaN(repeatSpendMean)) {
            flag = SpendFlag.NO_REPEAT_PURCHASE;
            spend = spendModel.populationMeanSpend();
        } else if (!(repeatSpendMean > 0)) {
            flag = SpendFlag.NON_POSITIVE_SPEND;
            spend = spendModel.populationMeanSpend();
        } else {
            flag = SpendFlag.OBSERVED;
            spend = spendModel.conditionalMeanSpend(x, repeatSpendMean);
        }
        double clv = Double.isNaN(spend) ? Double.NaN : calculator.clv(purchaseModel, x, tx, t, spend);
        return new Value(pAlive, pAlivePareto, expectedPurchases, spend, flag, clv);
    }
}
