package io.churnlens.btyd;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compressed purchase statistics grouped by covariate cell: one {@link RfmTable} (distinct (x, t_x, T) with
 * counts) per combination of design levels, with the cell's covariate vector z. The covariate models' likelihood
 * is a sum over cells of the base model's likelihood with the cell's parameters, so fitting on these tables is the
 * fit on the customers at a cost proportional to the distinct rows.
 *
 * @param cells every cell with at least one customer, in a fixed order (sorted by level names)
 */
public record CellStatistics(CovariateDesign design, List<Cell> cells) implements Serializable {
    /** One cell: its design levels (one per column), z, and its customers' statistics. */
    public record Cell(List<String> levels, double[] z, RfmTable table) implements Serializable {}

    /** Rows (design levels per column, x, t_x, T) with weights, grouped into cells in level order. */
    public static CellStatistics of(CovariateDesign design, List<String[]> levels, int[] x, double[] tx, double[] t,
                                    double[] weight) {
        Map<List<String>, List<Integer>> rows = new java.util.TreeMap<>((p, q) -> String.join("\u0000", p)
                .compareTo(String.join("\u0000", q)));
        for (int i = 0; i < x.length; i++) rows.computeIfAbsent(List.of(levels.get(i)), k -> new ArrayList<>()).add(i);
        List<Cell> cells = new ArrayList<>();
        rows.forEach((key, idx) -> {
            int n = idx.size();
            int[] cx = new int[n];
            double[] ctx = new double[n], ct = new double[n], cw = new double[n];
            for (int j = 0; j < n; j++) {
                int i = idx.get(j);
                cx[j] = x[i];
                ctx[j] = tx[i];
                ct[j] = t[i];
                cw[j] = weight[i];
            }
            cells.add(new Cell(key, design.z(key.toArray(String[]::new)), new RfmTable(cx, ctx, ct, cw)));
        });
        return new CellStatistics(design, List.copyOf(cells));
    }

    /** One customer per row (weight 1), e.g. a simulated population in a test. */
    public static CellStatistics ofCustomers(CovariateDesign design, List<String[]> rawLevels, int[] x, double[] tx,
                                             double[] t) {
        List<String[]> levels = new ArrayList<>();
        for (String[] raw : rawLevels) levels.add(design.levels(raw));
        double[] ones = new double[x.length];
        java.util.Arrays.fill(ones, 1);
        return of(design, levels, x, tx, t, ones);
    }

    /** All cells together, without the covariates: the table the model without covariates is fitted on. */
    public RfmTable pooled() {
        int n = cells.stream().mapToInt(c -> c.table().rows()).sum();
        int[] x = new int[n];
        double[] tx = new double[n], t = new double[n], w = new double[n];
        int k = 0;
        for (Cell c : cells) {
            RfmTable r = c.table();
            for (int i = 0; i < r.rows(); i++, k++) {
                x[k] = r.x(i);
                tx[k] = r.tx(i);
                t[k] = r.t(i);
                w[k] = r.weight(i);
            }
        }
        return new RfmTable(x, tx, t, w);
    }

    public double customers() {
        return cells.stream().mapToDouble(c -> c.table().customers()).sum();
    }

    /** The same cells with every time divided by {@code scale}. */
    CellStatistics rescaled(double scale) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) out.add(new Cell(c.levels(), c.z(), c.table().rescaled(scale)));
        return new CellStatistics(design, List.copyOf(out));
    }
}
