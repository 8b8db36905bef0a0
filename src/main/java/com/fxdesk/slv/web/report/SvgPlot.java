package com.fxdesk.slv.web.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small inline-SVG plot: linear axes with ticks, lines, markers (optionally with error bars) and a heatmap of
 * rectangles. Enough for the calibration report, which must not load any external asset. Non-finite values are
 * skipped, never written into the SVG.
 */
final class SvgPlot {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22"};

    private static final int LEFT = 62;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    private final int width;
    private final int height;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private double x0 = Double.POSITIVE_INFINITY;
    private double x1 = Double.NEGATIVE_INFINITY;
    private double y0 = Double.POSITIVE_INFINITY;
    private double y1 = Double.NEGATIVE_INFINITY;
    private final List<Runnable> layers = new ArrayList<>();
    private final List<String[]> legend = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    SvgPlot(int width, int height, String title, String xLabel, String yLabel) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Fixes the x range instead of taking it from the data. */
    SvgPlot xRange(double lo, double hi) {
        x0 = lo;
        x1 = hi;
        fixedX = true;
        return this;
    }

    SvgPlot yRange(double lo, double hi) {
        y0 = lo;
        y1 = hi;
        fixedY = true;
        return this;
    }

    private boolean fixedX;
    private boolean fixedY;

    private void extend(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        if (!fixedX) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
        }
        if (!fixedY) {
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
        }
    }

    SvgPlot line(String name, double[] x, double[] y, String colour, boolean dashed) {
        for (int i = 0; i < x.length; i++) {
            extend(x[i], y[i]);
        }
        layers.add(() -> {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                if (inside(x[i], y[i])) {
                    pts.append(f(px(x[i]))).append(',').append(f(py(y[i]))).append(' ');
                } else if (pts.length() > 0) {
                    polyline(pts, colour, dashed);
                    pts.setLength(0);
                }
            }
            polyline(pts, colour, dashed);
        });
        if (name != null) {
            legend.add(new String[] {name, colour, dashed ? "dash" : "line"});
        }
        return this;
    }

    private void polyline(StringBuilder pts, String colour, boolean dashed) {
        if (pts.length() == 0) {
            return;
        }
        body.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.6\"")
                .append(dashed ? " stroke-dasharray=\"5,3\"" : "").append(" points=\"").append(pts).append("\"/>");
    }

    /** Markers; err (same length, or null) draws ±err bars. shape: "circle", "square", "dot" (small, translucent). */
    SvgPlot markers(String name, double[] x, double[] y, double[] err, String colour, String shape) {
        for (int i = 0; i < x.length; i++) {
            extend(x[i], y[i]);
            if (err != null && Double.isFinite(err[i])) {
                extend(x[i], y[i] + err[i]);
                extend(x[i], y[i] - err[i]);
            }
        }
        layers.add(() -> {
            for (int i = 0; i < x.length; i++) {
                if (!inside(x[i], y[i])) {
                    continue;
                }
                double cx = px(x[i]);
                double cy = py(y[i]);
                if (err != null && Double.isFinite(err[i]) && err[i] > 0) {
                    double a = py(Math.min(y1, y[i] + err[i]));
                    double b = py(Math.max(y0, y[i] - err[i]));
                    body.append("<line x1=\"").append(f(cx)).append("\" x2=\"").append(f(cx)).append("\" y1=\"")
                            .append(f(a)).append("\" y2=\"").append(f(b)).append("\" stroke=\"").append(colour)
                            .append("\"/>");
                }
                switch (shape) {
                    case "square" -> body.append("<rect x=\"").append(f(cx - 3.5)).append("\" y=\"")
                            .append(f(cy - 3.5)).append("\" width=\"7\" height=\"7\" fill=\"none\" stroke=\"")
                            .append(colour).append("\" stroke-width=\"1.5\"/>");
                    case "dot" -> body.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy))
                            .append("\" r=\"1.6\" fill=\"").append(colour).append("\" fill-opacity=\"0.35\"/>");
                    default -> body.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy))
                            .append("\" r=\"3.5\" fill=\"").append(colour).append("\"/>");
                }
            }
        });
        if (name != null) {
            legend.add(new String[] {name, colour, shape});
        }
        return this;
    }

    /**
     * A heatmap: cell (i, j) spans [xs[i], xs[i+1]] × [ys[j], ys[j+1]] and is coloured by value[i][j] on a diverging
     * scale centred at centre (blue below, red above), saturating at centre ± span. NaN cells stay blank.
     */
    SvgPlot heatmap(double[] xs, double[] ys, double[][] value, double centre, double span) {
        extend(xs[0], ys[0]);
        extend(xs[xs.length - 1], ys[ys.length - 1]);
        layers.add(() -> {
            for (int i = 0; i + 1 < xs.length; i++) {
                for (int j = 0; j + 1 < ys.length; j++) {
                    double v = value[i][j];
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double left = px(xs[i]);
                    double right = px(xs[i + 1]);
                    double top = py(ys[j + 1]);
                    double bottom = py(ys[j]);
                    body.append("<rect x=\"").append(f(left)).append("\" y=\"").append(f(top)).append("\" width=\"")
                            .append(f(right - left + 0.4)).append("\" height=\"").append(f(bottom - top + 0.4))
                            .append("\" fill=\"").append(diverging((v - centre) / span)).append("\"/>");
                }
            }
        });
        return this;
    }

    /** Colour of u ∈ [−1, 1] (clipped): blue – white – red. */
    static String diverging(double u) {
        double c = Math.max(-1, Math.min(1, Double.isFinite(u) ? u : 0));
        int r;
        int g;
        int b;
        if (c < 0) {
            r = (int) Math.round(255 + c * (255 - 33));
            g = (int) Math.round(255 + c * (255 - 102));
            b = (int) Math.round(255 + c * (255 - 172));
        } else {
            r = (int) Math.round(255 + c * (178 - 255));
            g = (int) Math.round(255 + c * (24 - 255));
            b = (int) Math.round(255 + c * (43 - 255));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** A horizontal reference line (e.g. y = 1 for the leverage, y = 0 for an error). */
    SvgPlot hline(double y, String colour) {
        layers.add(() -> {
            if (y >= y0 && y <= y1) {
                body.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"")
                        .append(f(py(y))).append("\" y2=\"").append(f(py(y))).append("\" stroke=\"").append(colour)
                        .append("\" stroke-dasharray=\"2,3\"/>");
            }
        });
        return this;
    }

    SvgPlot vline(double x, String colour, String label) {
        layers.add(() -> {
            if (x >= x0 && x <= x1) {
                body.append("<line x1=\"").append(f(px(x))).append("\" x2=\"").append(f(px(x))).append("\" y1=\"")
                        .append(TOP).append("\" y2=\"").append(height - BOTTOM).append("\" stroke=\"").append(colour)
                        .append("\" stroke-dasharray=\"2,3\"/>");
                if (label != null) {
                    text(px(x) + 3, TOP + 10, label, "start", 10);
                }
            }
        });
        return this;
    }

    String render() {
        if (!(x1 > x0)) {
            double c = Double.isFinite(x0) ? x0 : 0;
            x0 = c - 1;
            x1 = c + 1;
        }
        if (!(y1 > y0)) {
            double c = Double.isFinite(y0) ? y0 : 0;
            double pad = Math.max(1e-6, Math.abs(c) * 0.05);
            y0 = c - pad;
            y1 = c + pad;
        } else if (!fixedY) {
            double pad = 0.05 * (y1 - y0);
            y0 -= pad;
            y1 += pad;
        }
        body.setLength(0);
        body.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>").append(Html.escape(title))
                .append("</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        text(width / 2.0, 18, title, "middle", 13);
        axes();
        for (Runnable layer : layers) {
            layer.run();
        }
        legend();
        body.append("</svg>");
        return body.toString();
    }

    private void axes() {
        int right = width - RIGHT;
        int bottom = height - BOTTOM;
        body.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(right - LEFT).append("\" height=\"").append(bottom - TOP)
                .append("\" fill=\"none\" stroke=\"#999\"/>");
        for (double t : ticks(x0, x1)) {
            double x = px(t);
            body.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(bottom)
                    .append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#999\"/>");
            text(x, bottom + 15, tick(t), "middle", 10);
        }
        for (double t : ticks(y0, y1)) {
            double y = py(t);
            body.append("<line x1=\"").append(LEFT - 4).append("\" x2=\"").append(right).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#eee\"/>");
            text(LEFT - 6, y + 3.5, tick(t), "end", 10);
        }
        text((LEFT + right) / 2.0, height - 8, xLabel, "middle", 11);
        body.append("<text transform=\"translate(14,").append(f((TOP + bottom) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yLabel)).append("</text>");
    }

    private void legend() {
        double x = LEFT + 8;
        double y = TOP + 14;
        for (String[] item : legend) {
            String colour = item[1];
            switch (item[2]) {
                case "line", "dash" -> body.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x + 18))
                        .append("\" y1=\"").append(f(y - 4)).append("\" y2=\"").append(f(y - 4)).append("\" stroke=\"")
                        .append(colour).append("\" stroke-width=\"2\"")
                        .append(item[2].equals("dash") ? " stroke-dasharray=\"5,3\"" : "").append("/>");
                case "square" -> body.append("<rect x=\"").append(f(x + 6)).append("\" y=\"").append(f(y - 8))
                        .append("\" width=\"7\" height=\"7\" fill=\"none\" stroke=\"").append(colour).append("\"/>");
                default -> body.append("<circle cx=\"").append(f(x + 9)).append("\" cy=\"").append(f(y - 4))
                        .append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
            }
            text(x + 24, y, item[0], "start", 10);
            y += 14;
        }
    }

    private void text(double x, double y, String s, String anchor, int size) {
        body.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append("\">").append(Html.escape(s))
                .append("</text>");
    }

    private boolean inside(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    private double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (width - LEFT - RIGHT);
    }

    private double py(double y) {
        return height - BOTTOM - (y - y0) / (y1 - y0) * (height - TOP - BOTTOM);
    }

    /** About five round ticks between lo and hi. */
    static List<Double> ticks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span)) {
            return out;
        }
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
            out.add(Math.abs(t) < 1e-12 * step ? 0.0 : t);
        }
        return out;
    }

    private static String tick(double t) {
        double a = Math.abs(t);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", t);
        }
        String s = String.format(Locale.ROOT, "%.4f", t);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
