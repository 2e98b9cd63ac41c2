package io.churnlens.btyd.fit;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over log-parameters (so every parameter stays positive) and judges the result, within
 * a {@link FitBudget}.
 *
 * <p>Procedure, per starting point: Nelder-Mead ({@link SimplexOptimizer}), restarted once from its own optimum
 * (a stalled simplex is the classic silent failure), then Newton steps with a numerical Hessian and backtracking,
 * which take the estimate to full precision. The verdict ({@link FitState}):
 * <ul>
 *   <li><b>identified</b> only when the observed information (minus the Hessian) is positive definite with a
 *       condition number below {@value #MAX_CONDITION}, one more Newton step would raise the log-likelihood by less
 *       than {@value #NEWTON_DECREMENT_TOLERANCE}, no log-parameter lies beyond +-{@value #LOG_PARAMETER_BOUND},
 *       and no log-parameter has a standard error above {@value #MAX_LOG_STANDARD_ERROR};</li>
 *   <li><b>boundary</b> when a log-parameter has run off beyond +-{@value #LOG_PARAMETER_BOUND} (towards 0 or
 *       infinity), or the maximum is a flat ridge (ill-conditioned information, a standard error above the bound,
 *       or a direction whose curvature is below {@code FLAT_CURVATURE} in size, whatever the sign numerical
 *       derivatives give it): the data do not identify the parameter, the likelihood keeps its value towards a
 *       limit;</li>
 *   <li><b>failed</b> when the likelihood is not finite, the optimiser threw, it stopped short of a maximum
 *       (gradient check, or clearly negative curvature at an interior point), or the budget ran out.</li>
 * </ul>
 * If a start does not end identified the next one is tried; identified beats boundary beats failed, then the best
 * log-likelihood wins. A spent budget ends the remaining starts: the best judged start is kept if it reached a
 * boundary, otherwise the fit is failed with the budget as the reason.
 */
public final class MaximumLikelihood {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MaximumLikelihood.class);
    static final double NEWTON_DECREMENT_TOLERANCE = 1e-4;
    static final double LOG_PARAMETER_BOUND = 18;
    static final double MAX_CONDITION = 1e12;
    /**
     * A log-parameter with a standard error above this (a 95% interval wider than a factor of e^6 either way: the
     * data say next to nothing about it) is not identified even at a formal maximum: a flat ridge, not an estimate.
     */
    static final double MAX_LOG_STANDARD_ERROR = 3;
    /** Curvature (eigenvalue of the observed information) below which a direction counts as flat, whatever its sign. */
    static final double FLAT_CURVATURE = 1 / (MAX_LOG_STANDARD_ERROR * MAX_LOG_STANDARD_ERROR);
    /** Half the 95% point of chi-square(1): the drop in log-likelihood that bounds a 95% likelihood interval. */
    static final double LIKELIHOOD_INTERVAL_DROP = 1.92;
    /** The simplex never explores beyond e^+-30 (parameters beyond +-18 are already judged unidentified). */
    private static final double SEARCH_WALL = 30;
    private static final int SIMPLEX_EVALUATIONS = 10_000;

    private MaximumLikelihood() {}

    /**
     * The estimate in log-parameter space and the verdict: {@code verdict} says in words why the state was
     * reached; {@code note} holds the optimiser's history (starts, evaluations, seconds).
     */
    public record Result(double[] logParameters, double logLikelihood, FitState state, double[][] covariance,
                  String verdict, String note) {
        boolean converged() {
            return state == FitState.IDENTIFIED;
        }

        private Result withNote(String newNote) {
            return new Result(logParameters, logLikelihood, state, covariance, verdict, newNote);
        }
    }

    public static Result maximize(ToDoubleFunction<double[]> logLikelihood, List<double[]> starts, FitBudget budget) {
        FitBudget.Meter meter = budget.start();
        ToDoubleFunction<double[]> metered = p -> {
            meter.tick();
            return logLikelihood.applyAsDouble(p);
        };
        Result best = null;
        StringBuilder history = new StringBuilder();
        String exhausted = null;
        for (int i = 0; i < starts.size() && exhausted == null; i++) {
            history.append(i == 0 ? "" : "; ").append("start ").append(i + 1).append(": ");
            try {
                Result r = fromStart(metered, starts.get(i));
                history.append(r.state.label()).append(r.converged() ? "" : " (" + r.verdict + ")");
                if (best == null || better(r, best)) best = r;
                if (best.converged()) break;
            } catch (FitBudget.Exhausted e) {
                exhausted = e.getMessage();
                history.append(exhausted);
            } catch (RuntimeException e) {
                // An optimiser or numerical error in one start is that start's failure, not the fit's end.
                Result r = new Result(starts.get(i), Double.NaN, FitState.FAILED, null,
                        "optimiser error: " + e, "");
                history.append("failed (" + r.verdict + ")");
                if (best == null) best = r;
            }
        }
        // Evaluations, not seconds: the note goes into clv_params, which a re-run (or a cluster) must reproduce.
        String tally = String.format(java.util.Locale.ROOT, "; %d evaluations", meter.evaluations());
        LOG.info("fit: {} evaluations in {} s", meter.evaluations(), String.format(java.util.Locale.ROOT, "%.1f", meter.seconds()));
        if (exhausted != null && (best == null || best.state == FitState.FAILED)) {
            double[] last = best == null ? starts.get(0) : best.logParameters;
            return new Result(last, Double.NaN, FitState.FAILED, null, exhausted, history + tally);
        }
        return best.withNote(history + tally);
    }

    private static int rank(FitState s) {
        return switch (s) {
            case IDENTIFIED -> 2;
            case BOUNDARY -> 1;
            case FAILED -> 0;
        };
    }

    private static boolean better(Result candidate, Result incumbent) {
        if (candidate.state != incumbent.state) return rank(candidate.state) > rank(incumbent.state);
        return candidate.logLikelihood > incumbent.logLikelihood || Double.isNaN(incumbent.logLikelihood);
    }

    private static Result fromStart(ToDoubleFunction<double[]> ll, double[] start) {
        ToDoubleFunction<double[]> safe = p -> {
            for (double lp : p) {
                if (Math.abs(lp) > SEARCH_WALL) return -1e300;   // stop a drift to 0 or infinity; judged below
            }
            double v = ll.applyAsDouble(p);
            return Double.isFinite(v) ? v : -1e300;
        };
        int dim = start.length;
        double[] point = start.clone();
        boolean simplexStoppedItself = true;
        for (double step : new double[] {0.5, 0.1}) {
            try {
                SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-10));
                PointValuePair p = optimizer.optimize(new MaxEval(SIMPLEX_EVALUATIONS), MaxIter.unlimited(),
                        new ObjectiveFunction(safe::applyAsDouble), GoalType.MAXIMIZE, new InitialGuess(point),
                        new NelderMeadSimplex(filled(dim, step)));
                point = p.getPoint();
            } catch (TooManyEvaluationsException e) {
                simplexStoppedItself = false;
            }
        }
        point = newtonPolish(safe, point);
        double value = ll.applyAsDouble(point);
        double[] gradient = NumericalDerivatives.gradient(ll, point);
        double[][] hessian = NumericalDerivatives.hessian(ll, point);
        Result judged = judge(point, value, gradient, hessian, simplexStoppedItself);
        return judged.converged() ? boundaryWithinReach(ll, judged) : judged;
    }

    /**
     * The curvature at the maximum can look healthy on a likelihood that, farther out, flattens towards an
     * asymptote at a boundary (Pareto/NBD with s and beta running off together: one drop-out rate for everyone).
     * So walk from the estimate along the flattest direction (the covariance's leading eigenvector), both ways, to
     * where a log-parameter reaches +-{@value #LOG_PARAMETER_BOUND}: if the log-likelihood there is still within
     * {@value #LIKELIHOOD_INTERVAL_DROP} of the maximum, a 95% likelihood interval reaches the boundary and the
     * parameter is not identified. Two evaluations; it sees straight ridges in log-space, not curved ones.
     */
    private static Result boundaryWithinReach(ToDoubleFunction<double[]> ll, Result fit) {
        double[] p = fit.logParameters;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(fit.covariance));
        double[] ev = eig.getRealEigenvalues();
        int widest = 0;
        for (int k = 1; k < ev.length; k++) if (ev[k] > ev[widest]) widest = k;
        double[] v = eig.getEigenvector(widest).toArray();
        for (int sign : new int[] {1, -1}) {
            double t = Double.POSITIVE_INFINITY;
            for (int i = 0; i < p.length; i++) {
                double vi = sign * v[i];
                if (vi != 0) t = Math.min(t, ((vi > 0 ? LOG_PARAMETER_BOUND : -LOG_PARAMETER_BOUND) - p[i]) / vi);
            }
            double[] far = new double[p.length];
            for (int i = 0; i < p.length; i++) far[i] = p[i] + t * sign * v[i];
            double farValue = ll.applyAsDouble(far);
            if (farValue >= fit.logLikelihood - LIKELIHOOD_INTERVAL_DROP) {
                int led = 0;
                for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[led])) led = i;
                return new Result(p, fit.logLikelihood, FitState.BOUNDARY, null, String.format(java.util.Locale.ROOT,
                        "not identified: along its flattest direction (led by parameter #%d, towards %s) the "
                                + "log-likelihood stays within %.2f of its maximum out to a log-parameter of +-%.0f "
                                + "(%.3f there): a 95%% likelihood interval reaches the boundary", led + 1,
                        sign * v[led] > 0 ? "infinity" : "0", LIKELIHOOD_INTERVAL_DROP, LOG_PARAMETER_BOUND,
                        farValue - fit.logLikelihood), fit.note);
            }
        }
        return fit;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Newton-Raphson with halving line search while minus the Hessian is positive definite. */
    private static double[] newtonPolish(ToDoubleFunction<double[]> ll, double[] start) {
        double[] point = start.clone();
        double value = ll.applyAsDouble(point);
        for (int iter = 0; iter < 50; iter++) {
            double[] g = NumericalDerivatives.gradient(ll, point);
            RealMatrix info = new Array2DRowRealMatrix(NumericalDerivatives.hessian(ll, point)).scalarMultiply(-1);
            EigenDecomposition eig;
            try {
                eig = new EigenDecomposition(info);
            } catch (RuntimeException e) {
                return point;
            }
            double[] ev = eig.getRealEigenvalues();
            if (java.util.Arrays.stream(ev).anyMatch(v -> !(v > 0))) return point;
            double[] step = newtonStep(eig, ev, g);
            double decrement = 0;
            for (int i = 0; i < g.length; i++) decrement += g[i] * step[i];
            if (decrement / 2 < 1e-12) return point;
            boolean improved = false;
            for (double t = 1; t > 1e-6; t /= 2) {
                double[] trial = point.clone();
                for (int i = 0; i < trial.length; i++) trial[i] += t * step[i];
                double v = ll.applyAsDouble(trial);
                if (v > value) {
                    point = trial;
                    value = v;
                    improved = true;
                    break;
                }
            }
            if (!improved) return point;
        }
        return point;
    }

    private static Result judge(double[] point, double value, double[] gradient, double[][] hessian,
                                boolean simplexStoppedItself) {
        if (!Double.isFinite(value)) {
            return failed(point, value, "log-likelihood is not finite at the last iterate");
        }
        Result ranOff = ranOff(point, value);
        if (ranOff != null) return ranOff;
        RealMatrix info = new Array2DRowRealMatrix(hessian).scalarMultiply(-1);
        double[] ev;
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(info);
            ev = eig.getRealEigenvalues();
        } catch (RuntimeException e) {
            return failed(point, value, "Hessian could not be decomposed: " + e.getMessage());
        }
        double minEv = java.util.Arrays.stream(ev).min().orElse(Double.NaN);
        double maxEv = java.util.Arrays.stream(ev).max().orElse(Double.NaN);
        if (!(minEv > 0) && minEv > -FLAT_CURVATURE) {
            // Curvature this small either way is the flatness the standard-error rule calls unidentified (a positive
            // eigenvalue below it means a log-scale standard error above MAX_LOG_STANDARD_ERROR); its sign is
            // numerical-derivative noise on a ridge, not evidence of a saddle.
            return new Result(point, value, FitState.BOUNDARY, null, String.format(java.util.Locale.ROOT,
                    "not identified: the likelihood is flat along a direction led by parameter #%d (curvature %.2g, "
                            + "indistinguishable from zero)", flattestParameter(eig, ev) + 1, minEv), "");
        }
        if (!(minEv > 0)) {
            return failed(point, value, String.format(java.util.Locale.ROOT,
                    "observed information is not positive definite (smallest eigenvalue %.3g): not a maximum", minEv));
        }
        String simplexNote = simplexStoppedItself ? "" : "Nelder-Mead hit its evaluation limit, Newton steps finished; ";
        return interior(point, value, gradient, eig, ev, simplexNote);
    }

    /** A parameter beyond the log-parameter bound: the boundary verdict naming it, else null. */
    private static Result ranOff(double[] point, double value) {
        for (int i = 0; i < point.length; i++) {
            if (Math.abs(point[i]) > LOG_PARAMETER_BOUND) {
                return new Result(point, value, FitState.BOUNDARY, null, String.format(java.util.Locale.ROOT,
                        "parameter #%d ran off towards %s (log-parameter %.1f): the data do not identify it",
                        i + 1, point[i] > 0 ? "infinity" : "0", point[i]), "");
            }
        }
        return null;
    }

    /** The verdict at a maximum with positive definite information: conditioning, gradient, standard errors. */
    private static Result interior(double[] point, double value, double[] gradient, EigenDecomposition eig,
                                   double[] ev, String simplexNote) {
        double minEv = java.util.Arrays.stream(ev).min().orElse(Double.NaN);
        double maxEv = java.util.Arrays.stream(ev).max().orElse(Double.NaN);
        // Before the gradient check: along a flat direction a Newton step is noise, and the flatness is the answer.
        if (maxEv / minEv > MAX_CONDITION) {
            // The flattest direction of the likelihood: moving along it changes nothing the data can see.
            return new Result(point, value, FitState.BOUNDARY, null, simplexNote + String.format(java.util.Locale.ROOT,
                    "not identified: the observed information is ill-conditioned (condition number %.2g), the "
                            + "likelihood is flat along a direction led by parameter #%d",
                    maxEv / minEv, flattestParameter(eig, ev) + 1), "");
        }
        double[] step = newtonStep(eig, ev, gradient);
        double decrement = 0;
        for (int i = 0; i < gradient.length; i++) decrement += gradient[i] * step[i];
        if (!(decrement / 2 < NEWTON_DECREMENT_TOLERANCE)) {
            return failed(point, value, String.format(java.util.Locale.ROOT,
                    "gradient check failed: a Newton step would still gain %.3g in log-likelihood", decrement / 2));
        }
        double[][] covariance = eig.getSolver().getInverse().getData();
        for (int i = 0; i < covariance.length; i++) {
            double se = Math.sqrt(covariance[i][i]);
            if (se > MAX_LOG_STANDARD_ERROR) {
                return new Result(point, value, FitState.BOUNDARY, null, simplexNote + String.format(java.util.Locale.ROOT,
                        "parameter #%d is not identified: its standard error on the log scale is %.3g (a 95%% "
                                + "interval spans a factor of e^%.0f)", i + 1, se, 4 * se), "");
            }
        }
        return new Result(point, value, FitState.IDENTIFIED, covariance, simplexNote + String.format(java.util.Locale.ROOT,
                "converged at an interior maximum (Newton decrement %.1e, condition number %.2g)",
                decrement / 2, maxEv / minEv), "");
    }

    /**
     * The Newton step (information)^-1 g from the eigen-decomposition, sum_k v_k (v_k . g) / lambda_k: defined for
     * any positive eigenvalues, where commons-math's solver refuses a nearly singular matrix.
     */
    private static double[] newtonStep(EigenDecomposition eig, double[] ev, double[] g) {
        double[] step = new double[g.length];
        for (int k = 0; k < ev.length; k++) {
            double[] v = eig.getEigenvector(k).toArray();
            double along = 0;
            for (int i = 0; i < g.length; i++) along += v[i] * g[i];
            for (int i = 0; i < g.length; i++) step[i] += v[i] * along / ev[k];
        }
        return step;
    }

    private static Result failed(double[] point, double value, String why) {
        return new Result(point, value, FitState.FAILED, null, why, "");
    }

    /** Index of the largest component of the eigenvector with the smallest eigenvalue. */
    private static int flattestParameter(EigenDecomposition eig, double[] ev) {
        int k = 0;
        for (int i = 1; i < ev.length; i++) if (ev[i] < ev[k]) k = i;
        double[] v = eig.getEigenvector(k).toArray();
        int best = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
        return best;
    }
}
