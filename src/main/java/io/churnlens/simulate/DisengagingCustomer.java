package io.churnlens.simulate;

/**
 * One customer of the disengaging world: the life in the form the export and the BG/NBD truth columns read
 * ({@code dropoutDay} is the drop-out instant, onset + lead), the hidden parameters, and the hidden state at the truth
 * snapshot T (null when acquired after T) with the Monte-Carlo estimate made from it.
 *
 * @param engagementAtPurchase engagement when each purchase was made (1 until the onset)
 * @param onsetDay             onset of disengagement, NaN if it did not begin within the simulation
 */
record DisengagingCustomer(SimulatedCustomer life, double hazardPerWeek, double leadDays, double returnPropensity,
                           double[] engagementAtPurchase, double onsetDay, LifeState atCutoff,
                           FutureSampler.Estimate truth) {}
