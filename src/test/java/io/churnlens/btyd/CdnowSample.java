package io.churnlens.btyd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code CDNOW_sample.txt} (whitespace separated, CRLF, no header: master id, sample id, yyyyMMdd, cds,
 * dollars) straight into per-customer BTYD statistics in weeks, with calibration period ending on a given date.
 * Same-day purchases count as one purchase day whose value is their sum.
 */
public final class CdnowSample {
    public static final Path FILE = Path.of("..", "shared", "data", "cdnow", "CDNOW_sample.txt");

    final int[] x;
    final double[] tx;
    final double[] t;
    final double[] repeatSpendMean;

    private CdnowSample(int n) {
        x = new int[n];
        tx = new double[n];
        t = new double[n];
        repeatSpendMean = new double[n];
    }

    static CdnowSample read(LocalDate calibrationEnd) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
        for (String line : Files.readAllLines(FILE)) {
            String[] c = line.trim().split("\\s+");
            if (c.length < 5) continue;
            LocalDate d = LocalDate.parse(c[2], f);
            if (d.isAfter(calibrationEnd)) continue;
            days.computeIfAbsent(c[1], k -> new TreeMap<>()).merge(d, Double.parseDouble(c[4]), Double::sum);
        }
        CdnowSample s = new CdnowSample(days.size());
        int i = 0;
        for (TreeMap<LocalDate, Double> customer : days.values()) {
            LocalDate first = customer.firstKey();
            s.x[i] = customer.size() - 1;
            s.tx[i] = ChronoUnit.DAYS.between(first, customer.lastKey()) / 7.0;
            s.t[i] = ChronoUnit.DAYS.between(first, calibrationEnd) / 7.0;
            List<Double> values = List.copyOf(customer.values());
            s.repeatSpendMean[i] = s.x[i] == 0 ? Double.NaN
                    : values.subList(1, values.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            i++;
        }
        return s;
    }

    int customers() {
        return x.length;
    }
}
