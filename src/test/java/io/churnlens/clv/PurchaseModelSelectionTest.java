package io.churnlens.clv;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.MbgNbdModel;
import io.churnlens.btyd.ParetoNbdModel;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig.PurchaseModelChoice;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** MBG/NBD in the purchase-model fallback: used when identified, Pareto/NBD in its place when it failed. */
class PurchaseModelSelectionTest {
    private static final MbgNbdModel MBG = new MbgNbdModel(0.5, 6, 0.9, 1.6);
    private static final ParetoNbdModel PARETO = new ParetoNbdModel(0.55, 10.6, 0.6, 11.7);

    private static <M extends PurchaseModel> Fitted<M> fitted(M model, FitState state) {
        double[] v = {1, 2, 3, 4};
        return new Fitted<>(model, new ModelFit(model.name(), List.of("p1", "p2", "p3", "p4"), v, v, -100, 10, state,
                "verdict", "note"));
    }

    @Test
    void identifiedMbgNbdValuesTheCustomersAndParetoNbdGivesItsPAlive() {
        List<PurchaseModelChoice> asked = new ArrayList<>();
        PurchaseModelSelection s = PurchaseModelSelection.choose(PurchaseModelChoice.MBG_NBD, true, c -> {
            asked.add(c);
            return c == PurchaseModelChoice.MBG_NBD ? fitted(MBG, FitState.IDENTIFIED) : fitted(PARETO, FitState.IDENTIFIED);
        });
        assertThat(asked).containsExactly(PurchaseModelChoice.MBG_NBD, PurchaseModelChoice.PARETO_NBD);
        assertThat(s.model()).contains(MBG);
        assertThat(s.aliveModel()).contains(PARETO);
        assertThat(s.explanation()).isEqualTo("customer values from mbg_nbd (identified)");
    }

    @Test
    void failedMbgNbdFallsBackToParetoNbd() {
        PurchaseModelSelection s = PurchaseModelSelection.choose(PurchaseModelChoice.MBG_NBD, false,
                c -> c == PurchaseModelChoice.MBG_NBD ? fitted(MBG, FitState.FAILED) : fitted(PARETO, FitState.IDENTIFIED));
        assertThat(s.model()).contains(PARETO);
        assertThat(s.explanation()).isEqualTo("customer values from pareto_nbd (identified), in place of mbg_nbd (failed)");
        assertThat(s.fits()).extracting(ModelFit::model).containsExactly("mbg_nbd", "pareto_nbd");
    }
}
