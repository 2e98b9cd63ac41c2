package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's customers simulated on the driver, without Spark (the same {@link CustomerSimulator} the Spark
 * generator runs per customer), for tests that need many small worlds: the interval coverage check.
 */
public final class DriverWorld {
    private DriverWorld() {}

    /**
     * One simulated customer: purchase instants (days after {@code start}), amounts in cents, and the instant of the
     * purchase after which they dropped out (NaN if they did not drop out within the simulation).
     */
    public record Customer(String id, double[] purchaseDays, long[] amountCents, double dropoutDay) {}

    public record World(LocalDate start, List<Customer> customers) {
        /** Days from the start to the given date's start of day. */
        public int day(LocalDate date) {
            return Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(start, date));
        }
    }

    public static World simulate(Simulate settings) {
        SimulationPlan plan = new SimulationPlan(settings);
        CustomerSimulator simulator = new CustomerSimulator(plan);
        List<Customer> out = new ArrayList<>(Math.toIntExact(settings.customers()));
        for (long i = 0; i < settings.customers(); i++) {
            SimulatedCustomer c = simulator.simulate(i);
            out.add(new Customer(c.id(), c.purchaseDays(), c.amountCents(), c.dropoutDay()));
        }
        return new World(plan.startDate, out);
    }
}
