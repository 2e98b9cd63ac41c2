package io.churnlens.impact;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.RfmTable;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.Quarters;
import io.churnlens.simulate.DriverWorld;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Small generated worlds on the driver for the interval coverage check (test and bench): the generator's customers
 * (one BG/NBD population, no returns), their BTYD statistics and annual values as the features and impact stages
 * define them, a BG/NBD fit on the compressed statistics with the production fitter, and the intervals of the
 * model-based revenue lost from the driver-side code path ({@link ParameterDraws}, {@link DropoutDraws},
 * {@link QuarterBootstrap}).
 *
 * <p>Truth (as in ImpactBenchmark): the customers whose true drop-out fell in the as-of quarter, with their annual
 * value. Every one of them bought in the quarter (a drop-out follows a purchase).
 */
public final class CoverageWorlds {
    static final double DAYS_PER_WEEK = 7.0;

    private CoverageWorlds() {}

    /**
     * @param prediction the prediction interval of the realised revenue (parameter draws + drop-out draws)
     * @param parameter  the parameter interval of the point figure
     * @param bootstrap  the customer-bootstrap interval of the point figure
     * @param point      the point figure (sum over buyers of (1 - P(alive)) x annual value)
     */
    public record Outcome(long seed, boolean fitted, double truth, double point, Interval prediction, Interval parameter,
                          Interval bootstrap, long buyers) {}

    /** A world's compressed statistics, the as-of quarter's buyers and the true revenue of its drop-outs. */
    record Prepared(RfmTable table, List<DropoutDraws.Buyer> buyers, double truth) {}

    static Prepared prepare(long seed, int customers, LocalDate asOf, boolean oneGroup) {
        List<String> settings = oneGroup ? overrides(seed, customers, asOf) : overrides(seed, customers, asOf).subList(0, 6);
        DriverWorld.World world = DriverWorld.simulate(ConfigLoader.load(null, settings).simulate());
        int cutoff = world.day(asOf) + 1;
        int quarterStart = world.day(Quarters.start(asOf));
        List<double[]> stats = new ArrayList<>();
        List<DropoutDraws.Buyer> buyers = new ArrayList<>();
        double truth = 0;
        for (DriverWorld.Customer c : world.customers()) {
            Stats s = Stats.of(c, cutoff);
            if (s == null) continue;
            stats.add(new double[] {s.x, s.tx, s.t});
            if (s.lastDay >= quarterStart) {
                buyers.add(new DropoutDraws.Buyer(c.id(), s.x, s.tx, s.t, s.annualValueCents));
                if (c.dropoutDay() < cutoff) truth += s.annualValueCents / 100.0;
            }
        }
        RfmTable table = RfmTable.ofCustomers(stats.stream().mapToInt(v -> (int) v[0]).toArray(),
                stats.stream().mapToDouble(v -> v[1]).toArray(), stats.stream().mapToDouble(v -> v[2]).toArray());
        return new Prepared(table, buyers, truth);
    }

    static RfmTable statistics(long seed, int customers, LocalDate asOf) {
        return prepare(seed, customers, asOf, true).table();
    }

    public static Outcome run(long seed, int customers, LocalDate asOf, int draws) {
        return run(seed, customers, asOf, draws, true);
    }

    /** @param oneGroup false: the generator's default mix of countries and channels (BG/NBD then misspecified) */
    public static Outcome run(long seed, int customers, LocalDate asOf, int draws, boolean oneGroup) {
        Prepared p = prepare(seed, customers, asOf, oneGroup);
        List<DropoutDraws.Buyer> buyers = p.buyers();
        Fitted<BgNbdModel> fit = BgNbdFitter.fit(p.table());
        double[][] cov = fit.converged() ? ParameterDraws.covariance(fit.model(), m -> m.logLikelihood(p.table())) : null;
        if (cov == null) return new Outcome(seed, false, p.truth(), Double.NaN, null, null, null, buyers.size());
        BgNbdModel model = fit.model();
        ReplicateSums s = DropoutDraws.sums(buyers.iterator(), ParameterDraws.draw(model, cov, draws, seed), seed);
        List<QuarterBootstrap.Customer> valued = buyers.stream().map(b -> new QuarterBootstrap.Customer(b.id(), false,
                false, false, true, b.annualValueCents(), 0, model.pAlive(b.x(), b.tx(), b.t()), null)).toList();
        ReplicateSums boot = QuarterBootstrap.sums(valued.iterator(), draws, seed);
        double point = valued.stream().mapToDouble(v -> (1 - v.pAlive()) * v.annualValueCents() / 100.0).sum();
        return new Outcome(seed, true, p.truth(), point, Interval.of(s.values(DropoutDraws.REALISED_REVENUE)),
                Interval.of(s.values(DropoutDraws.EXPECTED_REVENUE)),
                Interval.of(boot.values(QuarterBootstrap.DROPOUT_REVENUE)), buyers.size());
    }

    /** One BG/NBD population, no returns, the period ending at T (the first six entries: all but the groups). */
    static List<String> overrides(long seed, int customers, LocalDate asOf) {
        return List.of("simulate.customers=" + customers, "simulate.seed=" + seed, "simulate.end-date=" + asOf,
                "simulate.truth-as-of=" + asOf, "simulate.return-rate=0", "simulate.products=0",
                "simulate.countries=[GB]", "simulate.country-shares=[1]", "simulate.country-rate-factors=[1]",
                "simulate.country-loyalty-factors=[1]", "simulate.channels=[web]", "simulate.channel-shares=[1]",
                "simulate.channel-rate-factors=[1]", "simulate.channel-loyalty-factors=[1]");
    }

    /**
     * A customer's statistics as customer_features computes them from the export (purchase days, whole days / 7)
     * and the annual value at the last purchase day (purchases in the 365 days up to it); null when acquired after T
     * or on T itself (T = 0 is not a valid BTYD row).
     */
    private record Stats(int x, double tx, double t, long lastDay, long annualValueCents) {
        static Stats of(DriverWorld.Customer c, int cutoff) {
            double[] days = c.purchaseDays();
            int seen = 0;
            while (seen < days.length && days[seen] < cutoff) seen++;
            if (seen == 0) return null;
            long first = (long) Math.floor(days[0]);
            long last = (long) Math.floor(days[seen - 1]);
            if (cutoff - 1 - first <= 0) return null;
            int distinct = 0;
            long previous = Long.MIN_VALUE;
            long annual = 0;
            for (int i = 0; i < seen; i++) {
                long d = (long) Math.floor(days[i]);
                if (d != previous) distinct++;
                previous = d;
                if (d > last - 365) annual += c.amountCents()[i];
            }
            return new Stats(distinct - 1, (last - first) / DAYS_PER_WEEK, (cutoff - 1 - first) / DAYS_PER_WEEK, last,
                    annual);
        }
    }
}
