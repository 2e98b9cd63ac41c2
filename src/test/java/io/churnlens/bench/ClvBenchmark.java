package io.churnlens.bench;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.clv.ClvCalculator;
import io.churnlens.clv.CustomerValuation;
import io.churnlens.clv.CustomerValueScorer;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.GammaGammaFitter;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.ParetoNbdFitter;
import io.churnlens.btyd.ParetoNbdModel;
import io.churnlens.btyd.RfmTable;
import io.churnlens.btyd.StatisticChunks;
import io.churnlens.btyd.SpendTable;
import io.churnlens.schema.FeatureColumns;

import java.util.Iterator;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Not a test: 1 million simulated customers (BG/NBD r=0.5, alpha=6, a=0.8, b=2.5 in weeks, T uniform 1..104 weeks,
 * times in whole days; Gamma-Gamma p=6, q=4, gamma=15) -> compress on Spark -> fit BG/NBD, Pareto/NBD (the
 * default {@code clv.fit-pareto-nbd = true}) and Gamma-Gamma on the driver -> score on the executors. Prints the
 * timings (wall and process CPU) per model and the total of the three fits. Args: [customers] (default 1,000,000) [pareto: true|false].
 */
public final class ClvBenchmark {
    private static final StructType FEATURES = new StructType()
            .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(FeatureColumns.X, DataTypes.IntegerType, false)
            .add(FeatureColumns.T_X, DataTypes.DoubleType, false)
            .add(FeatureColumns.T_CAL, DataTypes.DoubleType, false)
            .add(FeatureColumns.REPEAT_SPEND_MEAN, DataTypes.DoubleType, true);

    public static void main(String[] args) {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        boolean pareto = args.length < 2 || Boolean.parseBoolean(args[1]);
        SparkSession spark = SparkSession.builder().appName("clv-benchmark").master("local[*]")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long t0 = System.nanoTime();
            MapPartitionsFunction<Long, Row> simulate = ids -> new Simulator(ids);
            Dataset<Row> features = spark.range(0, customers, 1, 8).as(Encoders.LONG())
                    .mapPartitions(simulate, Encoders.row(FEATURES)).cache();
            long n = features.count();
            long t1 = System.nanoTime();
            StatisticChunks<RfmTable> rfm = BtydStatistics.compress(features, 5_000_000);
            long t2 = System.nanoTime(), c2 = cpu();
            Fitted<BgNbdModel> bg = BgNbdFitter.fit(rfm);
            long t3 = System.nanoTime(), c3 = cpu();
            StatisticChunks<SpendTable> spend = BtydStatistics.compressSpend(features, 5_000_000);
            long t4 = System.nanoTime(), c4 = cpu();
            Fitted<GammaGammaModel> gg = GammaGammaFitter.fit(spend);
            long t5p = System.nanoTime(), c5p = cpu();
            Fitted<ParetoNbdModel> pnbd = pareto ? ParetoNbdFitter.fit(rfm, FitBudget.DEFAULT) : null;
            long t5 = System.nanoTime(), c5 = cpu();
            CustomerValuation valuation = new CustomerValuation(bg.usableModel(), null, gg.usableModel(),
                    new ClvCalculator(12, 0.01, 1.0, 30.4375 / 7));
            double totalClv = CustomerValueScorer.score(features, valuation)
                    .agg(org.apache.spark.sql.functions.sum("clv")).first().getDouble(0);
            long t6 = System.nanoTime();
            System.out.printf("customers simulated and cached: %,d in %.1f s%n", n, (t1 - t0) / 1e9);
            System.out.printf("compress (x, t_x, T) on Spark:  %.2f s -> %,d distinct rows%n", (t2 - t1) / 1e9, (long) rfm.sum(RfmTable::rows));
            System.out.printf("fit BG/NBD on the driver:       %.2f s (CPU %.1f s)  %s%n", (t3 - t2) / 1e9, (c3 - c2) / 1e9, bg.fit());
            System.out.printf("compress (x, spend) on Spark:   %.2f s -> %,d distinct rows%n", (t4 - t3) / 1e9, (long) spend.sum(SpendTable::rows));
            System.out.printf("fit Gamma-Gamma on the driver:  %.2f s (CPU %.1f s)  %s%n", (t5p - t4) / 1e9, (c5p - c4) / 1e9, gg.fit());
            if (pnbd != null) {
                System.out.printf("fit Pareto/NBD on the driver:   %.2f s (CPU %.1f s)  %s%n", (t5 - t5p) / 1e9, (c5 - c5p) / 1e9, pnbd.fit());
            }
            System.out.printf("three fits (BG/NBD + %sGG):   %.2f s (CPU %.1f s on %d cores)%n",
                    pnbd != null ? "Pareto/NBD + " : "", ((t3 - t2) + (t5 - t4)) / 1e9, ((c3 - c2) + (c5 - c4)) / 1e9,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("compress + all fits:            %.2f s%n", (t5 - t1) / 1e9);
            System.out.printf("score %,d customers (12-month CLV, sum %.0f): %.2f s%n", n, totalClv, (t6 - t5) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /**
     * CPU time of this process: on a shared machine the wall times depend on the neighbours' load, the CPU seconds
     * much less (on an otherwise idle machine the parallel sums take about CPU / cores of wall time).
     */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Simulates the customers of one partition, seeded by the first id so runs are reproducible. */
    private static final class Simulator implements Iterator<Row> {
        private final Iterator<Long> ids;
        private Well19937c rng;
        private GammaDistribution rates, nus;
        private BetaDistribution dropouts;

        Simulator(Iterator<Long> ids) {
            this.ids = ids;
        }

        @Override
        public boolean hasNext() {
            return ids.hasNext();
        }

        @Override
        public Row next() {
            long id = ids.next();
            if (rng == null) {
                rng = new Well19937c(id);
                rates = new GammaDistribution(rng, 0.5, 1 / 6.0);
                dropouts = new BetaDistribution(rng, 0.8, 2.5);
                nus = new GammaDistribution(rng, 4.0, 1 / 15.0);
            }
            double lambda = rates.sample(), p = dropouts.sample();
            int tDays = 7 + rng.nextInt(722);
            double horizon = tDays / 7.0, now = 0, last = 0;
            int x = 0;
            while (true) {
                now += -Math.log(1 - rng.nextDouble()) / lambda;
                if (now > horizon) break;
                x++;
                last = now;
                if (rng.nextDouble() < p) break;
            }
            double tx = x == 0 ? 0 : Math.floor(last * 7) / 7.0;
            Double spend = null;
            if (x > 0) {
                double nu = nus.sample();
                spend = new GammaDistribution(rng, 6.0 * x, 1 / nu).sample() / x;
            }
            return RowFactory.create("c" + id, x, tx, horizon, spend);
        }
    }
}
