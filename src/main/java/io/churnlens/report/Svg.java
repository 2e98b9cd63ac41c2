package io.churnlens.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts written by hand, so the management report needs no script, stylesheet or font from anywhere:
 * a line chart (solid observed series, dashed projections), vertical bars and horizontal bars. Values that are null
 * are gaps, never zeros. Output is well-formed XML.
 */
final class Svg {
    static final String[] COLORS = {"#1f5f8b", "#d9822b", "#3a9d5d", "#b03a48", "#6b4c9a", "#8c6d31", "#2a9d9d",
            "#7f7f7f", "#c45a9a", "#4d7f17"};
    private static final int W = 960;
    private static final int H = 300;
    private static final int LEFT = 80;
    private static final int RIGHT = 45;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private Svg() {}

    /** One line: values aligned with the x labels (null = no point); dashed for projections. */
    record Series(String name, List<Double> values, String color, boolean dashed) {}

    /**
     * A 90% interval drawn as an error bar at the x position {@code index}: a vertical line from lo to hi with caps,
     * titled with {@code label} (e.g. "90% interval 2026-Q3: 1,200 to 1,450").
     */
    record ErrorBar(int index, double lo, double hi, String color, String label) {}

    static String line(String id, String ariaLabel, List<String> x, List<Series> series, DoubleFunction<String> fmt,
                       boolean fromZero) {
        return line(id, ariaLabel, x, series, fmt, fromZero, List.of());
    }

    /** The line chart with error bars; the axis covers the bars' upper ends. */
    static String line(String id, String ariaLabel, List<String> x, List<Series> series, DoubleFunction<String> fmt,
                       boolean fromZero, List<ErrorBar> errorBars) {
        double max = Math.max(errorBars.stream().mapToDouble(ErrorBar::hi).max().orElse(Double.NEGATIVE_INFINITY),
                series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToDouble(v -> v).max().orElse(1));
        double min = fromZero ? 0 : series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null)
                .mapToDouble(v -> v).min().orElse(0);
        double[] axis = niceAxis(min, max);
        StringBuilder b = open(id, ariaLabel);
        grid(b, axis, fmt);
        double step = x.size() > 1 ? (double) (W - LEFT - RIGHT) / (x.size() - 1) : 0;
        xLabels(b, x, i -> LEFT + i * step);
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < x.size(); i++) {
                Double v = i < s.values().size() ? s.values().get(i) : null;
                if (v == null) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(f(LEFT + i * step)).append(',').append(f(y(v, axis)));
                pen = true;
            }
            b.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(s.color())
                    .append("\" stroke-width=\"2.5\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            if (!s.dashed()) {
                for (int i = 0; i < x.size() && i < s.values().size(); i++) {
                    Double v = s.values().get(i);
                    if (v != null) {
                        b.append("<circle cx=\"").append(f(LEFT + i * step)).append("\" cy=\"").append(f(y(v, axis)))
                                .append("\" r=\"3.5\" fill=\"").append(s.color()).append("\"><title>")
                                .append(Html.esc(s.name() + " " + x.get(i) + ": " + fmt.apply(v))).append("</title></circle>\n");
                    }
                }
            }
        }
        for (ErrorBar e : errorBars) errorBar(b, LEFT + e.index() * step, e, axis);
        return b.append("</svg>\n").toString();
    }

    static String bars(String id, String ariaLabel, List<String> x, List<Double> values, DoubleFunction<String> fmt,
                       String color) {
        return bars(id, ariaLabel, x, values, fmt, color, List.of());
    }

    /** An error bar: whiskers from lo to hi at x, caps 14 px wide, drawn over the series. */
    private static void errorBar(StringBuilder b, double x, ErrorBar e, double[] axis) {
        double top = y(e.hi(), axis), bottom = y(e.lo(), axis);
        b.append("<g class=\"error-bar\" stroke=\"").append(e.color()).append("\" stroke-width=\"2\"><title>")
                .append(Html.esc(e.label())).append("</title>")
                .append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(f(top))
                .append("\" y2=\"").append(f(bottom)).append("\"/>");
        for (double yy : new double[] {top, bottom}) {
            b.append("<line x1=\"").append(f(x - 7)).append("\" x2=\"").append(f(x + 7)).append("\" y1=\"").append(f(yy))
                    .append("\" y2=\"").append(f(yy)).append("\"/>");
        }
        b.append("</g>\n");
    }

    /** Vertical bars with error bars; the axis covers the bars' upper ends. */
    static String bars(String id, String ariaLabel, List<String> x, List<Double> values, DoubleFunction<String> fmt,
                       String color, List<ErrorBar> errorBars) {
        double max = Math.max(errorBars.stream().mapToDouble(ErrorBar::hi).max().orElse(Double.NEGATIVE_INFINITY),
                values.stream().filter(v -> v != null).mapToDouble(v -> v).max().orElse(1));
        double min = values.stream().filter(v -> v != null).mapToDouble(v -> v).min().orElse(0);
        double[] axis = niceAxis(Math.min(0, min), Math.max(max, 0));
        StringBuilder b = open(id, ariaLabel);
        grid(b, axis, fmt);
        double slot = (double) (W - LEFT - RIGHT) / Math.max(1, x.size());
        xLabels(b, x, i -> LEFT + (i + 0.5) * slot);
        for (int i = 0; i < x.size(); i++) {
            Double v = values.get(i);
            if (v == null) continue;
            double y0 = y(0, axis);
            double y1 = y(v, axis);
            b.append("<rect x=\"").append(f(LEFT + i * slot + slot * 0.15)).append("\" y=\"").append(f(Math.min(y0, y1)))
                    .append("\" width=\"").append(f(slot * 0.7)).append("\" height=\"").append(f(Math.abs(y0 - y1)))
                    .append("\" fill=\"").append(color).append("\"><title>").append(Html.esc(x.get(i) + ": " + fmt.apply(v)))
                    .append("</title></rect>\n");
        }
        for (ErrorBar e : errorBars) errorBar(b, LEFT + (e.index() + 0.5) * slot, e, axis);
        return b.append("</svg>\n").toString();
    }

    /** Horizontal bars with the value written at the end of each bar; for ranked categories. */
    static String horizontalBars(String id, String ariaLabel, List<String> labels, List<Double> values,
                                 DoubleFunction<String> fmt, String color) {
        int rowH = 30;
        int height = labels.isEmpty() ? 40 : TOP + rowH * labels.size() + 10;
        int left = 220;
        int right = 140;
        double max = values.stream().filter(v -> v != null).mapToDouble(v -> v).max().orElse(1);
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id)
                .append("\" class=\"chart\" role=\"img\" aria-label=\"").append(Html.esc(ariaLabel))
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(height).append("\">\n");
        if (labels.isEmpty()) {
            b.append("<text x=\"").append(left).append("\" y=\"26\" class=\"tick\">no data</text>\n");
        }
        for (int i = 0; i < labels.size(); i++) {
            double v = values.get(i) == null ? 0 : values.get(i);
            double w = max > 0 ? (W - left - right) * Math.max(v, 0) / max : 0;
            int y = TOP + i * rowH;
            b.append("<text x=\"").append(left - 10).append("\" y=\"").append(y + 19)
                    .append("\" text-anchor=\"end\" class=\"label\">").append(Html.esc(labels.get(i))).append("</text>\n");
            b.append("<rect x=\"").append(left).append("\" y=\"").append(y + 4).append("\" width=\"").append(f(w))
                    .append("\" height=\"").append(rowH - 8).append("\" fill=\"").append(color).append("\"/>\n");
            b.append("<text x=\"").append(f(left + w + 8)).append("\" y=\"").append(y + 19).append("\" class=\"value\">")
                    .append(Html.esc(values.get(i) == null ? "n/a" : fmt.apply(values.get(i)))).append("</text>\n");
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder open(String id, String ariaLabel) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id)
                .append("\" class=\"chart\" role=\"img\" aria-label=\"").append(Html.esc(ariaLabel))
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">\n");
    }

    private static void grid(StringBuilder b, double[] axis, DoubleFunction<String> fmt) {
        for (double v = axis[0]; v <= axis[1] + axis[2] / 2; v += axis[2]) {
            double y = y(v, axis);
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" class=\"grid\"/>\n");
            b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\" class=\"tick\">").append(Html.esc(fmt.apply(v))).append("</text>\n");
        }
    }

    private static void xLabels(StringBuilder b, List<String> x, java.util.function.IntToDoubleFunction at) {
        int every = Math.max(1, (int) Math.ceil(x.size() / 14.0));
        for (int i = 0; i < x.size(); i += every) {
            b.append("<text x=\"").append(f(at.applyAsDouble(i))).append("\" y=\"").append(H - BOTTOM + 22)
                    .append("\" text-anchor=\"middle\" class=\"tick\">").append(Html.esc(x.get(i))).append("</text>\n");
        }
    }

    private static double y(double v, double[] axis) {
        double span = axis[1] - axis[0];
        return TOP + (H - TOP - BOTTOM) * (1 - (v - axis[0]) / (span == 0 ? 1 : span));
    }

    /** {min, max, step} on round numbers covering [lo, hi], about five intervals. */
    static double[] niceAxis(double lo, double hi) {
        if (hi <= lo) hi = lo + 1;
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag * (raw / mag <= 1 ? 1 : raw / mag <= 2 ? 2 : raw / mag <= 2.5 ? 2.5 : raw / mag <= 5 ? 5 : 10);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step};
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
