package io.churnlens.btyd.special;

/**
 * log of {@code int_0^inf e^{phi(y)} dy} for a concave phi whose maximum is known, by globally adaptive
 * Gauss-Kronrod (7/15 points, the QUADPACK abscissae and weights) on the effective support.
 *
 * <p>Why concavity: the tangent lies above phi, so one Newton step from anywhere right of the maximum gives a point
 * beyond which phi is below {@code phi_max - }{@value #SUPPORT_DROP}, and the neglected tail is bounded by
 * {@code e^{phi(y_end)} / |phi'(y_end)|} (checked, not assumed). The integrand is handled as
 * {@code e^{phi(y) - phi_max}}, so values far outside the double range (thousands of purchases) cost nothing extra.
 *
 * <p>Cost is bounded: at most {@value #MAX_INTERVALS} subintervals of 15 points. Reaching the cap throws an
 * {@link ArithmeticException} naming the integrand; it is never a silently truncated number.
 */
public final class LogConcaveQuadrature {
    static final int MAX_INTERVALS = 400;
    private static final double SUPPORT_DROP = 46;          // e^-46 = 1e-20 of the peak
    private static final double RELATIVE_TOLERANCE = 1e-13;
    private static final double[] XGK = {
            0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
            0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
            0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
            0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
            0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
            0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
            0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
            0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
            0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
            0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    /** A concave log-integrand on [0, inf) that decreases to -inf. */
    interface Integrand {
        double value(double y);

        double slope(double y);

        /** value(y) - value(peak) for the peak given to {@link #logIntegral}, without cancelling two large numbers. */
        double belowPeak(double y);

        /**
         * Size of the terms belowPeak adds up at y (e.g. {@code a y + b log(1 + e^(L-y))}): the integrand is known to
         * about this many machine epsilons, which bounds the accuracy any rule can reach.
         */
        double termSize(double y);
    }

    private LogConcaveQuadrature() {}

    /**
     * @param peak   the maximiser of phi on [0, inf)
     * @param breaks extra points where phi bends (split there first; points outside the support are ignored)
     */
    static double logIntegral(Integrand phi, double peak, double[] breaks) {
        double end = supportEnd(phi, peak);
        double[] edges = edges(peak, end, breaks);
        double noise = Math.max(1, phi.termSize(end)) * Math.ulp(1.0);
        double tolerance = Math.max(RELATIVE_TOLERANCE, 100 * noise);
        Intervals work = new Intervals(noise);
        for (int i = 0; i + 1 < edges.length; i++) work.add(phi, edges[i], edges[i + 1]);
        while (work.error() > tolerance * work.total()) {
            if (work.size == MAX_INTERVALS) {
                throw new ArithmeticException("Gauss-Kronrod did not reach relative error " + tolerance
                        + " within " + MAX_INTERVALS + " subintervals (estimate " + work.total() + ", error "
                        + work.error() + ", support [0, " + end + "], peak " + peak + ")");
            }
            work.bisectWorst(phi);
        }
        double tail = Math.exp(phi.belowPeak(end)) / -phi.slope(end);
        if (!(tail <= tolerance * work.total())) {
            throw new ArithmeticException("neglected tail " + tail + " beyond y=" + end + " exceeds the tolerance");
        }
        return phi.value(peak) + Math.log(work.total());
    }

    /** A point right of the peak where phi has dropped by at least SUPPORT_DROP: Newton, all iterates from the right. */
    private static double supportEnd(Integrand phi, double peak) {
        double y = peak + 1;
        for (int i = 0; i < 60; i++) {
            double slope = phi.slope(y);
            if (!(slope < 0)) {         // still at a flat top: move right
                y = peak + 2 * (y - peak);
                continue;
            }
            double excess = phi.belowPeak(y) + SUPPORT_DROP;
            double next = y - excess / slope;
            if (excess <= 0 && y - next < 1e-3 * (y - peak)) return y;
            y = next;
        }
        return y;
    }

    private static double[] edges(double peak, double end, double[] breaks) {
        double[] all = new double[breaks.length + 3];
        int n = 0;
        all[n++] = 0;
        all[n++] = end;
        if (peak > 0 && peak < end) all[n++] = peak;
        for (double b : breaks) if (b > 0 && b < end) all[n++] = b;
        double[] e = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(e);
        return e;
    }

    /** The subintervals with their Kronrod estimates and |Kronrod - Gauss| error estimates. */
    private static final class Intervals {
        double[] from = new double[16], to = new double[16], estimate = new double[16], error = new double[16];
        int size;
        private final double noise;
        private double lastError;

        Intervals(double noise) {
            this.noise = noise;
        }

        void add(Integrand phi, double a, double b) {
            if (size == from.length) grow();
            from[size] = a;
            to[size] = b;
            estimate[size] = kronrod(phi, a, b);
            error[size] = lastError;
            size++;
        }

        private void grow() {
            int n = Math.min(2 * from.length, MAX_INTERVALS);
            from = java.util.Arrays.copyOf(from, n);
            to = java.util.Arrays.copyOf(to, n);
            estimate = java.util.Arrays.copyOf(estimate, n);
            error = java.util.Arrays.copyOf(error, n);
        }

        void bisectWorst(Integrand phi) {
            int worst = 0;
            for (int i = 1; i < size; i++) if (error[i] > error[worst]) worst = i;
            double a = from[worst], b = to[worst], m = 0.5 * (a + b);
            size--;                                  // replace the worst by its halves
            from[worst] = from[size];
            to[worst] = to[size];
            estimate[worst] = estimate[size];
            error[worst] = error[size];
            add(phi, a, m);
            add(phi, m, b);
        }

        double total() {
            double s = 0;
            for (int i = 0; i < size; i++) s += estimate[i];
            return s;
        }

        double error() {
            double s = 0;
            for (int i = 0; i < size; i++) s += error[i];
            return s;
        }

        /**
         * Kronrod 15-point estimate of int_a^b e^{phi(y) - phi(peak)} dy; its error estimate goes to lastError. The
         * error estimate is QUADPACK's (QK15): |K - G| scaled by the integrand's spread,
         * {@code resasc min(1, (200|K-G|/resasc)^1.5)}, floored at 50 times the integrand's rounding level of the
         * estimate (below that the difference is rounding, not truncation).
         */
        private double kronrod(Integrand phi, double a, double b) {
            double c = 0.5 * (a + b), h = 0.5 * (b - a);
            double fc = Math.exp(phi.belowPeak(c));
            double k = WGK[7] * fc, g = WG[3] * fc;
            double[] lo = new double[7], hi = new double[7];
            for (int j = 0; j < 7; j++) {
                double dx = h * XGK[j];
                lo[j] = Math.exp(phi.belowPeak(c - dx));
                hi[j] = Math.exp(phi.belowPeak(c + dx));
                double s = lo[j] + hi[j];
                k += WGK[j] * s;
                if (j % 2 == 1) g += WG[j / 2] * s;
            }
            double mean = 0.5 * k, resasc = WGK[7] * Math.abs(fc - mean);
            for (int j = 0; j < 7; j++) resasc += WGK[j] * (Math.abs(lo[j] - mean) + Math.abs(hi[j] - mean));
            resasc *= h;
            double error = Math.abs((k - g) * h);
            if (resasc != 0 && error != 0) {
                double ratio = 200 * error / resasc;
                error = resasc * Math.min(1, ratio * Math.sqrt(ratio));
            }
            lastError = Math.max(error, 50 * noise * Math.abs(k * h));
            return k * h;
        }
    }
}
