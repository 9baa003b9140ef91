package dev.capstan.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Percentiles of a sample by the nearest-rank method (p100 is the maximum), and how they print. */
record Percentiles(double[] sorted) {

    static Percentiles of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Percentiles(sorted);
    }

    int count() {
        return sorted.length;
    }

    double p(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    double median() {
        return p(50);
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    static String ratio(double value, double base) {
        return base == 0 || Double.isNaN(base) ? "-" : String.format(Locale.ROOT, "%.2f", value / base);
    }

    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }
}
