package io.churnlens.clv;

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

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood over log-parameters (so every parameter stays positive) and judges the result.
 *
 * <p>Procedure, per starting point: Nelder-Mead ({@link SimplexOptimizer}), restarted once from its own optimum
 * (a stalled simplex is the classic silent failure), then Newton steps with a numerical Hessian and backtracking,
 * which take the estimate to full precision. The result counts as <b>converged</b> only when the observed information (minus the Hessian) is positive definite, one more Newton step would
 * raise the log-likelihood by less than {@value #NEWTON_DECREMENT_TOLERANCE}, and no log-parameter has run off
 * beyond +-{@value #LOG_PARAMETER_BOUND} (a parameter heading for 0 or infinity means the data do not identify
 * it), and no log-parameter has a standard error above {@value #MAX_LOG_STANDARD_ERROR}. If the first start fails, the next one is tried; the best log-likelihood wins.
 *
 * <p>Covariance of the log-parameters is the inverse observed information, given only when its condition number is
 * below {@value #MAX_CONDITION}; otherwise it is null and the note says why.
 */
final class MaximumLikelihood {
    static final double NEWTON_DECREMENT_TOLERANCE = 1e-4;
    static final double LOG_PARAMETER_BOUND = 18;
    static final double MAX_CONDITION = 1e12;
    /**
     * A log-parameter with a standard error above this (a 95% interval wider than a factor of e^6 either way: the
     * data say next to nothing about it) makes the fit not converged even at a formal maximum: a flat ridge, not an estimate.
     */
    static final double MAX_LOG_STANDARD_ERROR = 3;
    /** The simplex never explores beyond e^+-30 (parameters beyond +-18 are already judged unidentified). */
    private static final double SEARCH_WALL = 30;
    private static final int SIMPLEX_EVALUATIONS = 10_000;

    private MaximumLikelihood() {}

    /** The estimate in log-parameter space and the verdict. */
    record Result(double[] logParameters, double logLikelihood, boolean converged, double[][] covariance,
                  String note) {}

    static Result maximize(ToDoubleFunction<double[]> logLikelihood, List<double[]> starts) {
        Result best = null;
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < starts.size(); i++) {
            Result r = fromStart(logLikelihood, starts.get(i));
            history.append(i == 0 ? "" : "; ").append("start ").append(i + 1).append(": ")
                    .append(r.converged ? "converged" : r.note);
            if (best == null || better(r, best)) best = r;
            if (best.converged) break;
        }
        return new Result(best.logParameters, best.logLikelihood, best.converged, best.covariance,
                history + (best.converged ? "; " + best.note : ""));
    }

    private static boolean better(Result candidate, Result incumbent) {
        if (candidate.converged != incumbent.converged) return candidate.converged;
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
        return judge(point, value, gradient, hessian, simplexStoppedItself);
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
            double[] step = eig.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(g)).toArray();
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
            return new Result(point, value, false, null, "log-likelihood is not finite at the last iterate");
        }
        for (double p : point) {
            if (Math.abs(p) > LOG_PARAMETER_BOUND) {
                return new Result(point, value, false, null,
                        "a parameter ran off towards 0 or infinity (log-parameter " + String.format("%.1f", p)
                                + "): the data do not identify the model");
            }
        }
        RealMatrix info = new Array2DRowRealMatrix(hessian).scalarMultiply(-1);
        double[] ev;
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(info);
            ev = eig.getRealEigenvalues();
        } catch (RuntimeException e) {
            return new Result(point, value, false, null, "Hessian could not be decomposed: " + e.getMessage());
        }
        double minEv = java.util.Arrays.stream(ev).min().orElse(Double.NaN);
        double maxEv = java.util.Arrays.stream(ev).max().orElse(Double.NaN);
        if (!(minEv > 0)) {
            return new Result(point, value, false, null, String.format(
                    "observed information is not positive definite (smallest eigenvalue %.3g): not a maximum, or "
                            + "parameters not identified", minEv));
        }
        double[] step = eig.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(gradient)).toArray();
        double decrement = 0;
        for (int i = 0; i < gradient.length; i++) decrement += gradient[i] * step[i];
        if (!(decrement / 2 < NEWTON_DECREMENT_TOLERANCE)) {
            return new Result(point, value, false, null, String.format(
                    "gradient check failed: a Newton step would still gain %.3g in log-likelihood", decrement / 2));
        }
        String simplexNote = simplexStoppedItself ? "" : "Nelder-Mead hit its evaluation limit, Newton steps finished; ";
        if (maxEv / minEv > MAX_CONDITION) {
            return new Result(point, value, true, null, simplexNote + String.format(
                    "standard errors not given: observed information is ill-conditioned (condition number %.2g)",
                    maxEv / minEv));
        }
        double[][] covariance = eig.getSolver().getInverse().getData();
        for (int i = 0; i < covariance.length; i++) {
            if (Math.sqrt(covariance[i][i]) > MAX_LOG_STANDARD_ERROR) {
                return new Result(point, value, false, null, String.format("parameter %d is not identified: its "
                        + "standard error on the log scale is %.3g (a 95%% interval spans a factor of e^%.0f)",
                        i + 1, Math.sqrt(covariance[i][i]), 4 * Math.sqrt(covariance[i][i])));
            }
        }
        return new Result(point, value, true, covariance, simplexNote + String.format("gradient check passed (Newton decrement %.1e)", decrement / 2));
    }
}
