package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The second generated world, which BG/NBD does not describe: customers disengage gradually before they leave
 * (over a customer-specific lead their purchase rate and basket size fall), the purchase rate follows a yearly season,
 * and returns raise the hazard of disengaging (see {@link DisengagingProcess}). Shares the BG/NBD world's calendar,
 * groups (rate factors scale λ, loyalty factors lower the hazard), spend, products and export. Each customer is
 * simulated from the seed and their number alone, like {@link CustomerSimulator}.
 */
final class DisengagingWorld implements Serializable {
    private final SimulationPlan plan;
    private final DisengagingParameters params;
    private final Seasonality season;
    private final CustomerSimulator products;
    private final FutureSampler sampler;

    DisengagingWorld(SimulationPlan plan, DisengagingParameters params) {
        this.plan = plan;
        this.params = params;
        this.season = new Seasonality(params.seasonAmplitude(), params.seasonPeakDayOfYear(), plan.startDate);
        this.products = new CustomerSimulator(plan);
        this.sampler = new FutureSampler(params.futures());
    }

    DisengagingCustomer simulate(long index) {
        Simulate s = plan.settings;
        RandomDraws groupDraws = RandomDraws.of(s.seed(), index, RandomDraws.Purpose.GROUP);
        int country = groupDraws.categorical(plan.countryCumulative);
        int channel = groupDraws.categorical(plan.channelCumulative);
        CustomerGroup group = plan.group(country, channel);
        double acquisitionDay = plan.acquisition.drawDay(RandomDraws.of(s.seed(), index, RandomDraws.Purpose.ACQUISITION));

        RandomDraws process = RandomDraws.of(s.seed(), index, RandomDraws.Purpose.PROCESS);
        double lambda = process.gamma(group.r(), group.alpha());
        double loyalty = group.b() / s.bgnbd().b();
        double hazard = process.gamma(params.hazardShape(), params.hazardRate() * loyalty);
        double lead = params.leadMeanDays() > 0
                ? process.gamma(params.leadShape(), params.leadShape() / params.leadMeanDays()) : 0.0;
        double rho = returnPropensity(process);
        DisengagingProcess law = new DisengagingProcess(params, season, lambda, hazard, lead, rho, s.returnMaxDelayDays());

        Life life = new Life();
        LifeState state = new LifeState(acquisitionDay);
        law.purchaseNow(state, process, life);
        LifeState atCutoff = null;
        FutureSampler.Estimate truth = null;
        if (acquisitionDay < plan.truthCutoffDay) {
            law.advance(state, plan.truthCutoffDay, process, life);
            atCutoff = state.copy();
            truth = sampler.sample(law, atCutoff, plan.horizonEndDay,
                    RandomDraws.of(s.seed(), index, RandomDraws.Purpose.FUTURES));
        }
        law.advance(state, plan.simulateUntilDay, process, life);
        return customer(index, country, channel, group, lambda, hazard, lead, rho, life, state, atCutoff, truth);
    }

    private DisengagingCustomer customer(long index, int country, int channel, CustomerGroup group, double lambda,
                                         double hazard, double lead, double rho, Life life, LifeState end,
                                         LifeState atCutoff, FutureSampler.Estimate truth) {
        Simulate s = plan.settings;
        int n = life.count;
        RandomDraws spendDraws = RandomDraws.of(s.seed(), index, RandomDraws.Purpose.SPEND);
        double nu = spendDraws.gamma(s.spend().q(), s.spend().gamma());
        long[] cents = new long[n];
        for (int i = 0; i < n; i++) {
            double basket = spendDraws.gamma(s.spend().p(), nu) * Math.pow(life.engagement[i], params.basketElasticity());
            cents[i] = Math.max(1L, Math.round(basket * 100.0));
        }
        double dropout = end.droppedOut() ? end.dropoutDay : Double.NaN;
        SimulatedCustomer c = new SimulatedCustomer(index, plan.customerId(index), country, channel, group, lambda,
                Double.NaN, nu, Arrays.copyOf(life.days, n), cents, products.products(index, n),
                Arrays.copyOf(life.returns, n), dropout);
        return new DisengagingCustomer(c, hazard, lead, rho, Arrays.copyOf(life.engagement, n), end.onsetDay,
                atCutoff, truth);
    }

    /** ρ ~ Beta(c·m, c·(1 − m)) around the configured return rate m; 0 or 1 exactly when m is. */
    private double returnPropensity(RandomDraws draws) {
        double m = plan.settings.returnRate();
        if (m <= 0 || m >= 1) return m;
        return draws.beta(params.returnConcentration() * m, params.returnConcentration() * (1 - m));
    }

    /** The purchases of a life as they are made. */
    private static final class Life implements DisengagingProcess.Purchases {
        double[] days = new double[8];
        double[] engagement = new double[8];
        double[] returns = new double[8];
        int count;

        @Override
        public void purchase(double day, double e, double returnDay) {
            if (count == days.length) {
                days = Arrays.copyOf(days, count * 2);
                engagement = Arrays.copyOf(engagement, count * 2);
                returns = Arrays.copyOf(returns, count * 2);
            }
            if (count >= CustomerSimulator.MAX_PURCHASES_PER_CUSTOMER) {
                throw new IllegalStateException("a customer made over " + CustomerSimulator.MAX_PURCHASES_PER_CUSTOMER
                        + " purchases: lower simulate.bgnbd.r or raise simulate.bgnbd.alpha");
            }
            days[count] = day;
            engagement[count] = e;
            returns[count++] = returnDay;
        }
    }
}
