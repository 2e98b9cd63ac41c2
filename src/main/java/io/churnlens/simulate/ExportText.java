package io.churnlens.simulate;

/**
 * Formats timestamps and amounts as the export writes them, by hand: this runs once per row, tens of millions of
 * times, and {@code DateTimeFormatter} or {@code String.format} would dominate the generator's time.
 */
final class ExportText {
    private ExportText() {}

    /** {@code yyyy-MM-dd HH:mm:ss} of a UTC instant given in seconds since the epoch. */
    static String timestamp(long epochSecond) {
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(epochDay);
        char[] out = new char[19];
        int year = date.getYear();
        out[0] = digit(year / 1000);
        out[1] = digit(year / 100);
        out[2] = digit(year / 10);
        out[3] = digit(year);
        out[4] = '-';
        two(out, 5, date.getMonthValue());
        out[7] = '-';
        two(out, 8, date.getDayOfMonth());
        out[10] = ' ';
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        return new String(out);
    }

    /** Cents as a decimal with two places and a leading minus when negative: 1234 → "12.34", -5 → "-0.05". */
    static String amount(long cents) {
        long abs = Math.abs(cents);
        StringBuilder sb = new StringBuilder(12);
        if (cents < 0) sb.append('-');
        sb.append(abs / 100).append('.');
        long fraction = abs % 100;
        if (fraction < 10) sb.append('0');
        return sb.append(fraction).toString();
    }

    /** Product index 0 → "P00001": five digits, more when there are over 99,999 products. */
    static String productId(int productIndex) {
        String digits = Integer.toString(productIndex + 1);
        return "P" + "00000".substring(Math.min(5, digits.length())) + digits;
    }

    private static void two(char[] out, int at, int value) {
        out[at] = digit(value / 10);
        out[at + 1] = digit(value);
    }

    private static char digit(int value) {
        return (char) ('0' + value % 10);
    }
}
