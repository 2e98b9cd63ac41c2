package io.churnlens.simulate;

/**
 * The disengaging world's law of motion for one customer with latent purchase rate λ (per week), onset hazard μ
 * (per week), lead L (days) and return propensity ρ, as competing events from a {@link LifeState}:
 * <ul>
 *   <li>while fully engaged, disengagement begins at hazard μ·(1 + step·returns): returns raise it;</li>
 *   <li>from the onset, engagement falls linearly from 1 to the floor over L days, and the customer drops out
 *       at onset + L (L = 0: at the onset itself);</li>
 *   <li>while not dropped out, purchases come at rate λ·season(t)·engagement(t), drawn by thinning candidates at
 *       the bound λ·(1 + A); each purchase is returned with chance ρ, 1 to maxDelay days later.</li>
 * </ul>
 * Every rate is constant between events, so redrawing the exponential waits after each event is exact, and stopping
 * at any instant leaves a state from which the future is distributed as if the run had gone on.
 */
final class DisengagingProcess {
    /** Receives each purchase: its instant, the engagement then, and its return instant (NaN when kept). */
    interface Purchases {
        void purchase(double day, double engagement, double returnDay);
    }

    private final DisengagingParameters params;
    private final Seasonality season;
    private final double lambdaPerDay;
    private final double hazardPerDay;
    private final double leadDays;
    private final double returnPropensity;
    private final int returnMaxDelayDays;

    DisengagingProcess(DisengagingParameters params, Seasonality season, double lambdaPerWeek, double hazardPerWeek,
                       double leadDays, double returnPropensity, int returnMaxDelayDays) {
        this.params = params;
        this.season = season;
        this.lambdaPerDay = lambdaPerWeek / SimulationPlan.DAYS_PER_WEEK;
        this.hazardPerDay = hazardPerWeek / SimulationPlan.DAYS_PER_WEEK;
        this.leadDays = leadDays;
        this.returnPropensity = returnPropensity;
        this.returnMaxDelayDays = returnMaxDelayDays;
    }

    /** A purchase at the state's instant (the acquisition), with its return draw. */
    void purchaseNow(LifeState s, RandomDraws draws, Purchases out) {
        out.purchase(s.now, s.engagement(s.now, params.engagementFloor()), returnDay(s, draws));
    }

    /** Runs the state forward to {@code until} (exclusive), reporting purchases. */
    void advance(LifeState s, double until, RandomDraws draws, Purchases out) {
        double candidateRate = lambdaPerDay * season.max();
        while (s.now < until) {
            if (s.droppedOut()) {
                s.now = until;
                return;
            }
            double purchase = s.now + draws.exponential(candidateRate);
            double onset = s.engaged()
                    ? s.now + draws.exponential(hazardPerDay * (1.0 + params.returnHazardStep() * s.returns))
                    : Double.POSITIVE_INFINITY;
            double ret = s.nextPendingReturn();
            double dropout = s.engaged() ? Double.POSITIVE_INFINITY : s.dropoutDay;
            double next = Math.min(Math.min(purchase, onset), Math.min(ret, dropout));
            if (!(next < until)) {
                s.now = until;
                return;
            }
            s.now = next;
            if (next == dropout) continue;
            if (next == ret) {
                s.makeReturn();
            } else if (next == onset) {
                s.onsetDay = next;
                s.dropoutDay = next + leadDays;
            } else {
                double engagement = s.engagement(next, params.engagementFloor());
                if (draws.uniform() * season.max() < season.factor(next) * engagement) {
                    out.purchase(next, engagement, returnDay(s, draws));
                }
            }
        }
    }

    private double returnDay(LifeState s, RandomDraws draws) {
        boolean returned = draws.chance(returnPropensity);
        double delay = 1 + draws.uniform() * (returnMaxDelayDays - 1);
        if (!returned) return Double.NaN;
        s.schedule(s.now + delay);
        return s.now + delay;
    }
}
