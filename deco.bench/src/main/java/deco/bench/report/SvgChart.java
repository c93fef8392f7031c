package deco.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's charts as SVG text, with no library: a line chart over a logarithmic x axis
 * (speedup against task size) or a linear one (a store as it grows) and horizontal bars on a logarithmic ratio axis centred on 1
 * (deco against its peers: right of the line deco is faster).
 */
final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760;

    private SvgChart() {
    }

    /** One line: a name and its points. */
    record Series(String name, List<double[]> points) {
    }

    /**
     * @param title      the chart's title
     * @param xLabel     the x axis (logarithmic)
     * @param yLabel     the y axis (linear, from 0)
     * @param series     the lines
     * @param references horizontal reference lines, each {@code {y}} with a label
     * @param refLabels  the labels of {@code references}
     * @return the SVG document
     */
    static String lines(String title, String xLabel, String yLabel, List<Series> series, double[] references,
                        String[] refLabels) {
        return lines(title, xLabel, yLabel, series, true, references, refLabels);
    }

    /**
     * As {@link #lines(String, String, String, List, double[], String[])}, with a linear x axis
     * from 0 when {@code logX} is false.
     */
    static String lines(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
                        double[] references, String[] refLabels) {
        int height = 420;
        int left = 60;
        int right = 200;
        int top = 40;
        int bottom = 50;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        for (double reference : references) {
            maxY = Math.max(maxY, reference);
        }
        maxY = Math.ceil(maxY * 1.1 * 2) / 2;
        double lx0 = logX ? Math.log10(minX) : 0;
        double lx1 = logX ? Math.max(lx0 + 1e-9, Math.log10(maxX)) : Math.max(1e-9, maxX);
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = header(height, title);
        // grid and ticks, then the axes over them
        if (logX) {
            for (int decade = (int) Math.ceil(lx0); decade <= Math.floor(lx1); decade++) {
                double x = left + (decade - lx0) / (lx1 - lx0) * plotW;
                svg.append(line(x, top, x, top + plotH, "#eee", 1));
                svg.append(text(x, top + plotH + 16, "middle", 11, tickLabel(Math.pow(10, decade))));
            }
        } else {
            for (int tick = 0; tick <= 5; tick++) {
                double x = left + tick / 5.0 * plotW;
                svg.append(line(x, top, x, top + plotH, "#eee", 1));
                svg.append(text(x, top + plotH + 16, "middle", 11, Numbers.compact(lx1 * tick / 5.0)));
            }
        }
        for (double y = 0; y <= maxY + 1e-9; y += maxY > 4 ? 1 : 0.5) {
            double py = top + plotH - y / maxY * plotH;
            svg.append(line(left, py, left + plotW, py, "#eee", 1));
            svg.append(text(left - 6, py + 4, "end", 11, fmt(y)));
        }
        svg.append(line(left, top + plotH, left + plotW, top + plotH, "#333", 1));
        svg.append(line(left, top, left, top + plotH, "#333", 1));
        for (int i = 0; i < references.length; i++) {
            double py = top + plotH - references[i] / maxY * plotH;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>%n",
                    (double) left, py, left + plotW, py));
            svg.append(text(left + plotW - 4, py - 4, "end", 11, refLabels[i]));
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : s.points()) {
                double x = left + ((logX ? Math.log10(p[0]) : p[0]) - lx0) / (lx1 - lx0) * plotW;
                double y = top + plotH - p[1] / maxY * plotH;
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>\n");
            double ly = top + 14 + i * 18;
            svg.append(line(WIDTH - right + 14, ly - 4, WIDTH - right + 34, ly - 4, colour, 3));
            svg.append(text(WIDTH - right + 40, ly, "start", 12, s.name()));
        }
        svg.append(text(left + plotW / 2, height - 12, "middle", 12, xLabel));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                top + plotH / 2, top + plotH / 2, escape(yLabel)));
        return svg.append("</svg>\n").toString();
    }

    /**
     * @param title  the chart's title
     * @param ratios deco against each peer
     * @return the SVG document: one bar per ratio on a logarithmic axis centred on 1
     */
    static String ratios(String title, List<Ratio> ratios) {
        int barH = 20;
        int left = 430;
        int right = 80;
        int top = 40;
        int height = top + ratios.size() * (barH + 6) + 40;
        double span = 1;
        for (Ratio ratio : ratios) {
            span = Math.max(span, Math.ceil(Math.abs(Math.log10(ratio.value()))));
        }
        double plotW = WIDTH - left - right;
        double centre = left + plotW / 2;
        StringBuilder svg = header(height, title);
        for (int d = (int) -span; d <= span; d++) {
            double x = centre + d / span * plotW / 2;
            svg.append(line(x, top - 4, x, height - 30, d == 0 ? "#333" : "#eee", d == 0 ? 1.5 : 1));
            svg.append(text(x, height - 14, "middle", 11, tickLabel(Math.pow(10, d)) + "×"));
        }
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            double value = ratio.value();
            double y = top + i * (barH + 6);
            double x = centre + Math.log10(value) / span * plotW / 2;
            String colour = value >= 1 ? "#2ca02c" : "#d62728";
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    Math.min(x, centre), y, Math.max(1, Math.abs(x - centre)), barH, colour));
            svg.append(text(left - 8, y + barH - 6, "end", 11, ratio.label()));
            svg.append(text(Math.max(x, centre) + 4, y + barH - 6, "start", 11, Numbers.ratio(value)));
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * @param title  the chart's title
     * @param labels one per bar
     * @param values the bars' values, in {@code unit}
     * @param unit   what the values count, e.g. {@code ops/s}
     * @return the SVG document: horizontal bars on a linear axis from 0
     */
    static String bars(String title, List<String> labels, List<Double> values, String unit) {
        int barH = 22;
        int left = 330;
        int right = 110;
        int top = 40;
        int height = top + labels.size() * (barH + 8) + 20;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double plotW = WIDTH - left - right;
        StringBuilder svg = header(height, title);
        for (int i = 0; i < labels.size(); i++) {
            double y = top + i * (barH + 8);
            double w = Math.max(1, values.get(i) / max * plotW);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    left, y, w, barH, COLOURS[i % COLOURS.length]));
            svg.append(text(left - 8, y + barH - 7, "end", 11, labels.get(i)));
            svg.append(text(left + w + 4, y + barH - 7, "start", 11, Numbers.compact(values.get(i)) + " " + unit));
        }
        svg.append(line(left, top - 4, left, height - 16, "#333", 1));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0, 22, "middle", 15, title));
        return svg;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1, y1, x2, y2, colour, width);
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(content));
    }

    private static String tickLabel(double value) {
        return value >= 1 ? String.format(Locale.ROOT, "%,.0f", value) : fmt(value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.3g", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
