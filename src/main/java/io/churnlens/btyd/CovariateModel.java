package io.churnlens.btyd;

import java.io.Serializable;
import java.util.List;

/**
 * BG/NBD, MBG/NBD or Pareto/NBD with static covariates, parametrised as CLVTools' static covariates (Fader and Hardie 2007,
 * "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"): customer i with covariate vector
 * z_i (one-hot, {@link CovariateDesign}) has
 * <ul>
 *   <li>alpha_i = alpha exp(-gamma_trans . z_i): lambda_i ~ Gamma(r, alpha_i), so every purchase rate (and the mean
 *       r / alpha_i) scales with exp(gamma_trans . z_i);</li>
 *   <li>b_i = b exp(gamma_life . z_i): p_i ~ Beta(a, b_i), mean drop-out probability a / (a + b_i), so
 *       gamma_life > 0 means more loyal customers (chosen over a_i because it is the way a loyalty factor acts on
 *       b in the generator, and keeps a, which shapes the small-p tail, common to all). For Pareto/NBD (a, b) are
 *       (s, beta): beta_i = beta exp(gamma_life . z_i), the mean drop-out rate s / beta_i falls as gamma_life rises
 *       (the same sign as BG/NBD's; CLVTools writes beta exp(-gamma z), the opposite sign).</li>
 * </ul>
 * Given z_i the customer is an ordinary BG/NBD (MBG/NBD) customer with (r, alpha_i, a, b_i): the likelihood is the
 * base model's with the cell's parameters (the derivation is the base model's, conditional on z), and so are
 * P(alive) and the expected purchases ({@link #forCell}).
 *
 * @param gammaTrans purchase-rate coefficients, in the order of {@link CovariateDesign#names()}
 * @param gammaLife  drop-out (loyalty) coefficients, same order
 */
public record CovariateModel(Family family, double r, double alpha, double a, double b, CovariateDesign design,
                             double[] gammaTrans, double[] gammaLife) implements Serializable {
    /** The base model a covariate model extends. */
    public enum Family {
        BG_NBD(BgNbdModel.NAME), MBG_NBD(MbgNbdModel.NAME), PARETO_NBD(ParetoNbdModel.NAME);

        private final String base;

        Family(String base) {
            this.base = base;
        }

        /** Name in clv_params' model column: the base name with "_covariates". */
        public String modelName() {
            return base + "_covariates";
        }

        /** The base model; for Pareto/NBD (a, b) are (s, beta). */
        PurchaseModel model(double r, double alpha, double a, double b) {
            return switch (this) {
                case BG_NBD -> new BgNbdModel(r, alpha, a, b);
                case MBG_NBD -> new MbgNbdModel(r, alpha, a, b);
                case PARETO_NBD -> new ParetoNbdModel(r, alpha, a, b);
            };
        }

        /** Parameter names of the base model. */
        List<String> parameters() {
            return this == PARETO_NBD ? ParetoNbdModel.PARAMETERS : BgNbdModel.PARAMETERS;
        }
    }

    /** Parameter names: r, alpha, a, b, then gamma_trans:col=level ..., gamma_life:col=level ... */
    public static List<String> parameterNames(Family family, CovariateDesign design) {
        List<String> names = new java.util.ArrayList<>(family.parameters());
        for (String n : design.names()) names.add("gamma_trans:" + n);
        for (String n : design.names()) names.add("gamma_life:" + n);
        return List.copyOf(names);
    }

    /** The base model of a customer with covariate vector z. */
    public PurchaseModel forCell(double[] z) {
        double trans = 0, life = 0;
        for (int k = 0; k < z.length; k++) {
            trans += gammaTrans[k] * z[k];
            life += gammaLife[k] * z[k];
        }
        return family.model(r, alpha * Math.exp(-trans), a, b * Math.exp(life));
    }

    /** The base model of a customer with these raw values of the design's columns (null = missing). */
    public PurchaseModel forCustomer(String[] rawLevels) {
        return forCell(design.z(design.levels(rawLevels)));
    }

    public double logLikelihood(CellStatistics cells) {
        double sum = 0;
        for (CellStatistics.Cell c : cells.cells()) sum += forCell(c.z()).logLikelihood(c.table());
        return sum;
    }

    /** As {@link #logLikelihood(CellStatistics)} with each cell's Pareto/NBD pairs prepared once (the fit's loop). */
    double logLikelihood(CellStatistics cells, List<ParetoNbdRows> prepared) {
        if (prepared == null) return logLikelihood(cells);
        double sum = 0;
        for (int i = 0; i < prepared.size(); i++) {
            sum += ((ParetoNbdModel) forCell(cells.cells().get(i).z())).logLikelihood(prepared.get(i));
        }
        return sum;
    }

    /** All parameters in the order of {@link #parameterNames}. */
    double[] values() {
        int k = gammaTrans.length;
        double[] v = new double[4 + 2 * k];
        v[0] = r;
        v[1] = alpha;
        v[2] = a;
        v[3] = b;
        System.arraycopy(gammaTrans, 0, v, 4, k);
        System.arraycopy(gammaLife, 0, v, 4 + k, k);
        return v;
    }
}
