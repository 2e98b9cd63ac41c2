package io.churnlens.impact;

import java.math.BigInteger;

/**
 * An exact rational number (BigInteger numerator over a positive denominator, kept in lowest terms), so the bridge's
 * effects carry no rounding until they are rounded to the cent once, and ties in the cents left over are real ties.
 */
record Ratio(BigInteger num, BigInteger den) implements Comparable<Ratio> {
    static final Ratio ZERO = of(0);

    Ratio {
        if (den.signum() == 0) throw new ArithmeticException("zero denominator");
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            num = num.divide(g);
            den = den.divide(g);
        }
    }

    static Ratio of(long n) {
        return new Ratio(BigInteger.valueOf(n), BigInteger.ONE);
    }

    static Ratio of(long n, long d) {
        return new Ratio(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    Ratio plus(Ratio o) {
        return new Ratio(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Ratio minus(Ratio o) {
        return plus(new Ratio(o.num.negate(), o.den));
    }

    Ratio times(Ratio o) {
        return new Ratio(num.multiply(o.num), den.multiply(o.den));
    }

    Ratio over(long d) {
        return new Ratio(num, den.multiply(BigInteger.valueOf(d)));
    }

    /** The nearest integer, halves to the even one. */
    long roundHalfEven() {
        BigInteger[] qr = num.divideAndRemainder(den); // truncated toward 0
        BigInteger twice = qr[1].abs().shiftLeft(1);
        int c = twice.compareTo(den);
        BigInteger q = qr[0];
        if (c > 0 || (c == 0 && q.testBit(0))) q = q.add(BigInteger.valueOf(num.signum()));
        return q.longValueExact();
    }

    @Override
    public int compareTo(Ratio o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    double doubleValue() {
        return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL64).doubleValue();
    }
}
