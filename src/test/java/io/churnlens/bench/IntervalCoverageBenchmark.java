package io.churnlens.bench;

import io.churnlens.impact.CoverageWorlds;

import java.time.LocalDate;

/**
 * Not a test: the coverage of the generator's truth (annual value of the quarter's true drop-outs) by the three 90%
 * intervals of the model-based revenue lost, over generated worlds on the driver (no Spark). Prints the figures.
 * Args: [seeds (200)] [customers (1500)] [mix: the default mix of countries and channels, which a single BG/NBD
 * does not describe exactly, instead of one population].
 */
public final class IntervalCoverageBenchmark {
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        boolean oneGroup = !(args.length > 2 && args[2].equals("mix"));
        int fitted = 0, prediction = 0, parameter = 0, bootstrap = 0;
        double widthShare = 0;
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (long seed = 1; seed <= seeds; seed++) {
            CoverageWorlds.Outcome o = CoverageWorlds.run(seed, customers, LocalDate.parse("2026-09-30"), 200, oneGroup);
            if (!o.fitted()) continue;
            fitted++;
            if (o.prediction().covers(o.truth())) prediction++;
            if (o.parameter().covers(o.truth())) parameter++;
            if (o.bootstrap().covers(o.truth())) bootstrap++;
            widthShare += (o.prediction().hi() - o.prediction().lo()) / o.point();
        }
        double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf("%s, %d customers, %d of %d seeds fitted (identified), %.1f s CPU%n",
                oneGroup ? "one BG/NBD population" : "default mix of groups", customers, fitted, seeds, cpu);
        System.out.printf("coverage of the truth: prediction (_pred_) %.3f, parameter (_param_) %.3f, customer bootstrap %.3f%n",
                (double) prediction / fitted, (double) parameter / fitted, (double) bootstrap / fitted);
        System.out.printf("mean width of the prediction interval / point figure: %.3f%n", widthShare / fitted);
    }
}
