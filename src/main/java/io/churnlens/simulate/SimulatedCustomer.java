package io.churnlens.simulate;

/**
 * One customer's complete simulated life: latent parameters and every purchase and return, in days after the start
 * of the period. Purchases may run past the export's end (up to the end of the truth horizon); the export and the
 * ground truth each cut what they need.
 *
 * @param purchaseDays  purchase instants in ascending order; the first is the acquisition
 * @param amountCents   value of each purchase, in cents (at least 1)
 * @param productIndex  product of each purchase, or -1 when products are off
 * @param returnDays    instant of the return of each purchase, or NaN when it is not returned
 * @param dropoutDay    instant of the purchase right after which the customer dropped out; NaN if they did not
 *                      drop out before the end of the simulation
 */
record SimulatedCustomer(long index, String id, int countryIndex, int channelIndex, CustomerGroup group,
                         double lambdaPerWeek, double dropoutP, double spendNu, double[] purchaseDays,
                         long[] amountCents, int[] productIndex, double[] returnDays, double dropoutDay) {

    double acquisitionDay() {
        return purchaseDays[0];
    }

    boolean droppedOutBefore(double day) {
        return !Double.isNaN(dropoutDay) && dropoutDay < day;
    }
}
