package io.churnlens.clv;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.CovariateFitter;
import io.churnlens.btyd.CovariateModel;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.MbgNbdModel;
import io.churnlens.btyd.ParetoNbdModel;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.ModelFit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The covariate purchase model of {@code clv.covariates}, fitted after the model without covariates has been chosen
 * ({@link PurchaseModelSelection}), and whether it values the customers:
 * <ol>
 *   <li>only when the chosen model is BG/NBD, MBG/NBD or Pareto/NBD itself (not its NBD limit);</li>
 *   <li>on the configured columns present in the features (absent ones are named in the explanation);</li>
 *   <li>used when the fit is identified and the likelihood-ratio test against the model without covariates rejects
 *       gamma = 0 at 5% ({@link CovariateFitter#significant}); otherwise the model without covariates stays, and
 *       the explanation says why.</li>
 * </ol>
 *
 * @param fit         the covariate fit for clv_params (empty when none was attempted)
 * @param model       the covariate model when it values the customers
 * @param explanation one sentence for the run summary (null when clv.covariates is empty)
 */
record CovariateSelection(Optional<ModelFit> fit, Optional<CovariateModel> model, String explanation) {
    private static final CovariateSelection OFF = new CovariateSelection(Optional.empty(), Optional.empty(), null);

    static CovariateSelection choose(List<String> configured, Dataset<Row> features, Optional<PurchaseModel> used,
                                     List<ModelFit> fits, int maxRows, FitBudget budget) {
        if (configured.isEmpty()) return OFF;
        List<String> present = new ArrayList<>(), absent = new ArrayList<>();
        List<String> have = Arrays.asList(features.columns());
        configured.forEach(c -> (have.contains(c) ? present : absent).add(c));
        String absentNote = absent.isEmpty() ? "" : " (not in customer_features, skipped: " + String.join(", ", absent) + ")";
        Optional<CovariateModel.Family> family = used.map(CovariateSelection::family).orElse(Optional.empty());
        if (present.isEmpty() || family.isEmpty()) {
            return note("no covariate model: " + (present.isEmpty() ? "none of clv.covariates is a column"
                    : "covariates apply to bg_nbd, mbg_nbd and pareto_nbd, not to the model customer values come from: "
                    + used.map(PurchaseModel::name).orElse("no model")) + absentNote);
        }
        BtydStatistics.CellsOrReason cells = BtydStatistics.compressByCell(features, present, maxRows);
        if (cells.cells() == null) return note("no covariate model: " + cells.reason() + absentNote);
        ModelFit plain = fits.stream().filter(f -> f.model().equals(used.get().name())).findFirst().orElseThrow();
        Fitted<CovariateModel> fitted = CovariateFitter.fit(cells.cells(), family.get(), plain.values(),
                plain.logLikelihood(), budget);
        ModelFit f = fitted.fit();
        if (CovariateFitter.significant(f, plain.logLikelihood())) {
            return new CovariateSelection(Optional.of(f), Optional.of(fitted.model()), "customer values from "
                    + f.model() + " (identified; each customer valued by the " + used.get().name() + " of their "
                    + "covariate cell)" + absentNote);
        }
        return new CovariateSelection(Optional.of(f), Optional.empty(), "customer values without covariates: "
                + f.model() + " is " + f.state().label() + (f.converged() ? " but does not improve significantly on "
                + used.get().name() : "") + absentNote);
    }

    private static CovariateSelection note(String explanation) {
        return new CovariateSelection(Optional.empty(), Optional.empty(), explanation);
    }

    private static Optional<CovariateModel.Family> family(PurchaseModel m) {
        if (m instanceof BgNbdModel) return Optional.of(CovariateModel.Family.BG_NBD);
        if (m instanceof MbgNbdModel) return Optional.of(CovariateModel.Family.MBG_NBD);
        if (m instanceof ParetoNbdModel) return Optional.of(CovariateModel.Family.PARETO_NBD);
        return Optional.empty();
    }
}
