package io.churnlens.clv;

import java.math.BigDecimal;
import java.math.MathContext;

public class ScratchTail {
    static final MathContext MC = new MathContext(50);
    static double bigLog2F1(double a, double b, double c, double z) {
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE, bz = new BigDecimal(z);
        BigDecimal ba = new BigDecimal(a), bb = new BigDecimal(b), bc = new BigDecimal(c);
        BigDecimal eps = new BigDecimal("1e-40");
        for (int j = 0; j < 3_000_000; j++) {
            BigDecimal bj = BigDecimal.valueOf(j);
            term = term.multiply(ba.add(bj).multiply(bb.add(bj), MC).multiply(bz, MC), MC)
                    .divide(bc.add(bj).multiply(BigDecimal.valueOf(j + 1L), MC), MC);
            sum = sum.add(term, MC);
            double ratio = (a + j + 1) * (b + j + 1) * z / ((c + j + 1) * (j + 2.0));
            if (ratio < 1 && term.compareTo(sum.multiply(eps, MC).multiply(BigDecimal.valueOf(1 - Math.max(ratio, z)), MC)) < 0) {
                return log(sum);
            }
        }
        return Double.NaN;
    }
    static double log(BigDecimal v) {
        int e = v.precision() - v.scale() - 1;
        BigDecimal m = v.movePointLeft(e);
        return Math.log(m.doubleValue()) + e * Math.log(10);
    }
    public static void main(String[] args) {
        double[][] cases = {{5, 2, 0.5}, {5, 2, 10}, {1003.5, 3.5, 1e4}, {2.95, 3.5, 830}, {1000.5, 1000, 1e4}, {0.8, 1.5, 1e10},
            {50.5, 3.5, 200}, {1.2, 1.1, 1e5}, {3, 2.9, 1e3}, {0.3, 1.0, 1e2}};
        for (double[] c : cases) {
            double a = c[0], b = c[1], d = c[2];
            long t0 = System.nanoTime();
            double mine = 0;
            for (int i = 0; i < 20000; i++) mine = ParetoTailIntegral.log2F1(a, b, d);
            long t1 = System.nanoTime();
            double series = ParetoTailIntegral.pfaffSeries(a, b, d);
            double zeta = d / (1 + d);
            double ref = zeta < 0.9999 ? bigLog2F1(a, a + 1 - b, a + 1, zeta) - a * Math.log1p(d) : Double.NaN;
            LogConcaveQuadrature.DEBUG = true; double ref2 = ParetoTailIntegral.euler(a, b, d); LogConcaveQuadrature.DEBUG = false;
            System.out.printf("a=%g b=%g d=%g mine=%.15g series?%s euler=%.15g big=%.15g diff=%.2e  %.2f us%n", a, b, d, mine,
                    !Double.isNaN(series), ref2, ref, mine - ref, (t1 - t0) / 1e3 / 20000);
        }
    }
}
