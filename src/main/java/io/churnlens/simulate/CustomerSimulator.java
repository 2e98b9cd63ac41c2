package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Simulates one customer from their index alone (BG/NBD purchases, Gamma-Gamma spend, returns, products), so that
 * executors can work on any slice of customers and the result depends only on the seed.
 */
final class CustomerSimulator implements Serializable {
    /** A guard against parameters that would make one customer buy without end and exhaust an executor's memory. */
    static final int MAX_PURCHASES_PER_CUSTOMER = 1_000_000;
    /** Share of a customer's purchases in their favourite category (the rest spread evenly). */
    private static final double FAVOURITE_CATEGORY_SHARE = 0.6;

    private final SimulationPlan plan;

    CustomerSimulator(SimulationPlan plan) {
        this.plan = plan;
    }

    SimulatedCustomer simulate(long index) {
        Simulate s = plan.settings;
        long seed = s.seed();
        RandomDraws groupDraws = RandomDraws.of(seed, index, RandomDraws.Purpose.GROUP);
        int country = groupDraws.categorical(plan.countryCumulative);
        int channel = groupDraws.categorical(plan.channelCumulative);
        CustomerGroup group = plan.group(country, channel);

        double acquisitionDay = plan.acquisition.drawDay(RandomDraws.of(seed, index, RandomDraws.Purpose.ACQUISITION));

        RandomDraws process = RandomDraws.of(seed, index, RandomDraws.Purpose.PROCESS);
        double lambda = process.gamma(group.r(), group.alpha());
        double p = process.beta(group.a(), group.b());
        PurchaseDays purchases = purchaseDays(index, process, lambda, p, acquisitionDay);
        int count = purchases.days().length;

        RandomDraws spendDraws = RandomDraws.of(seed, index, RandomDraws.Purpose.SPEND);
        double nu = spendDraws.gamma(s.spend().q(), s.spend().gamma());
        long[] cents = new long[count];
        for (int i = 0; i < count; i++) {
            cents[i] = Math.max(1L, Math.round(spendDraws.gamma(s.spend().p(), nu) * 100.0));
        }

        return new SimulatedCustomer(index, plan.customerId(index), country, channel, group, lambda, p, nu,
                purchases.days(), cents, products(index, count), returnDays(index, purchases.days()),
                purchases.dropoutDay());
    }

    /** The purchase days from acquisition on, and the day of drop-out (NaN while alive at the simulation's end). */
    private record PurchaseDays(double[] days, double dropoutDay) {}

    /** BG/NBD: exponential gaps at rate lambda per week, and after each purchase a drop-out with chance p. */
    private PurchaseDays purchaseDays(long index, RandomDraws process, double lambda, double p, double acquisitionDay) {
        double[] days = new double[8];
        int count = 0;
        days[count++] = acquisitionDay;
        double now = acquisitionDay;
        while (true) {
            now += process.exponential(lambda) * SimulationPlan.DAYS_PER_WEEK;
            if (!(now < plan.simulateUntilDay)) break;
            if (count == days.length) days = Arrays.copyOf(days, days.length * 2);
            days[count++] = now;
            if (count > MAX_PURCHASES_PER_CUSTOMER) {
                throw new IllegalStateException("customer " + index + " made over " + MAX_PURCHASES_PER_CUSTOMER
                        + " purchases (lambda " + lambda + " per week): lower simulate.bgnbd.r or raise simulate.bgnbd.alpha");
            }
            if (process.chance(p)) {
                return new PurchaseDays(Arrays.copyOf(days, count), now);
            }
        }
        return new PurchaseDays(Arrays.copyOf(days, count), Double.NaN);
    }

    /** The day each purchase is returned, NaN for those kept. */
    private double[] returnDays(long index, double[] days) {
        Simulate s = plan.settings;
        RandomDraws returnDraws = RandomDraws.of(s.seed(), index, RandomDraws.Purpose.RETURNS);
        double[] returnDays = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            boolean returned = returnDraws.chance(s.returnRate());
            double delay = 1 + returnDraws.uniform() * (s.returnMaxDelayDays() - 1);
            returnDays[i] = returned ? days[i] + delay : Double.NaN;
        }
        return returnDays;
    }

    /** Product k belongs to category k mod (number of categories); each customer leans to one category. */
    int[] products(long index, int count) {
        int[] products = new int[count];
        int total = plan.settings.products();
        if (total == 0) {
            Arrays.fill(products, -1);
            return products;
        }
        int categories = plan.categoryCount;
        RandomDraws draws = RandomDraws.of(plan.settings.seed(), index, RandomDraws.Purpose.PRODUCTS);
        int favourite = draws.index(categories);
        for (int i = 0; i < count; i++) {
            int category = draws.chance(FAVOURITE_CATEGORY_SHARE) ? favourite : draws.index(categories);
            int inCategory = (total - category + categories - 1) / categories;
            products[i] = category + categories * draws.index(inCategory);
        }
        return products;
    }
}
