package deco.bench.report;

import java.util.Locale;

/** How the report writes numbers: three significant digits, with k/M/G for large ones. */
final class Numbers {

    private Numbers() {
    }

    /** {@return {@code value} with three significant digits and a k, M or G suffix} */
    static String compact(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return significant(value / 1e9) + " G";
        }
        if (abs >= 1e6) {
            return significant(value / 1e6) + " M";
        }
        if (abs >= 1e4) {
            return significant(value / 1e3) + " k";
        }
        return significant(value);
    }

    /** {@return a ratio as {@code 1.23×}; below 0.1 with two significant digits, {@code 0.00042×}} */
    static String ratio(double value) {
        return value < 0.1 ? String.format(Locale.ROOT, "%.2g×", value) : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String significant(double value) {
        double abs = Math.abs(value);
        String format = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, format, value);
    }
}
