package io.churnlens.simulate;

import java.io.Serializable;

/**
 * The disengaging world's parameters beyond the {@code simulate.*} settings it shares with the BG/NBD world (period,
 * groups, purchase rate λ ~ Gamma(r, α), spend, return rate, products, messy rows). Not configuration keys: the world
 * is a test bench, chosen with {@code generate --world disengaging}; tests switch parts off with the {@code without*}
 * copies.
 *
 * @param hazardShape         shape of the drop-out hazard μ ~ Gamma(shape, rate), per week, of a fully engaged customer
 * @param hazardRate          its rate; the group's loyalty factor multiplies it (mean μ = shape / (rate · loyalty))
 * @param leadShape           shape of the customer's lead L ~ Gamma(shape, shape / mean): days from the onset of
 *                            disengagement to drop-out
 * @param leadMeanDays        mean of L; 0 = no disengagement (drop-out at the onset, a constant-hazard world)
 * @param engagementFloor     engagement at drop-out: it falls linearly from 1 at the onset to this
 * @param basketElasticity    a purchase's amount is the Gamma-Gamma draw times engagement^elasticity
 * @param returnConcentration a customer's return propensity ρ ~ Beta(c·m, c·(1 − m)), m = simulate.return-rate
 * @param returnHazardStep    each return made so far multiplies μ by (1 + step · returns); 0 = returns are harmless
 * @param seasonAmplitude     A of {@link Seasonality}; 0 = no season
 * @param seasonPeakDayOfYear the peak of the purchase rate's yearly cycle (340 = early December: Q4 above Q2)
 * @param futures             Monte-Carlo futures per customer for the ground truth
 */
public record DisengagingParameters(double hazardShape, double hazardRate, double leadShape, double leadMeanDays,
                                    double engagementFloor, double basketElasticity, double returnConcentration,
                                    double returnHazardStep, double seasonAmplitude, int seasonPeakDayOfYear,
                                    int futures) implements Serializable {

    public static DisengagingParameters defaults() {
        return new DisengagingParameters(2.0, 100.0, 3.0, 150.0, 0.1, 0.7, 10.0, 1.0, 0.4, 340, 200);
    }

    public DisengagingParameters withoutDisengagement() {
        return new DisengagingParameters(hazardShape, hazardRate, leadShape, 0.0, engagementFloor, basketElasticity,
                returnConcentration, returnHazardStep, seasonAmplitude, seasonPeakDayOfYear, futures);
    }

    public DisengagingParameters withoutSeason() {
        return new DisengagingParameters(hazardShape, hazardRate, leadShape, leadMeanDays, engagementFloor,
                basketElasticity, returnConcentration, returnHazardStep, 0.0, seasonPeakDayOfYear, futures);
    }

    public DisengagingParameters withoutReturnHazard() {
        return new DisengagingParameters(hazardShape, hazardRate, leadShape, leadMeanDays, engagementFloor,
                basketElasticity, returnConcentration, 0.0, seasonAmplitude, seasonPeakDayOfYear, futures);
    }

    public DisengagingParameters withFutures(int n) {
        return new DisengagingParameters(hazardShape, hazardRate, leadShape, leadMeanDays, engagementFloor,
                basketElasticity, returnConcentration, returnHazardStep, seasonAmplitude, seasonPeakDayOfYear, n);
    }
}
