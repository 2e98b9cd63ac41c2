package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings resolved once on the driver into what every executor needs: the calendar (time is counted in days
 * after {@code startDate} 00:00 UTC), the groups with their parameters, and the cut-offs of the export and of the
 * ground truth. Shipped to executors inside the closures; small.
 */
final class SimulationPlan implements Serializable {
    /** Customer ids are {@code FIRST_CUSTOMER_ID + index}: five-digit numbers as in many shop exports. */
    static final long FIRST_CUSTOMER_ID = 10_001;
    static final double DAYS_PER_WEEK = 7.0;

    final Simulate settings;
    final LocalDate startDate;
    /** Days from the start to the end of {@code endDate}: rows at or after this are not exported. */
    final int exportEndDay;
    /** Days from the start to the end of the truth snapshot T (start of day T + 1). */
    final int truthCutoffDay;
    /** Days from the start to the end of the horizon T + H. */
    final int horizonEndDay;
    /** Purchases are simulated up to here, past the export's end when T + H lies beyond it. */
    final int simulateUntilDay;
    final AcquisitionCurve acquisition;
    final CustomerGroup[] groups;
    final double[] countryCumulative;
    final double[] channelCumulative;
    final String[] categories;
    /** Categories that hold at least one product: product k belongs to category k mod categoryCount. */
    final int categoryCount;

    SimulationPlan(Simulate settings) {
        this.settings = settings;
        this.startDate = settings.startDate();
        this.exportEndDay = dayIndex(settings.endDate()) + 1;
        this.truthCutoffDay = dayIndex(settings.truthAsOf()) + 1;
        this.horizonEndDay = truthCutoffDay + settings.horizonDays();
        this.simulateUntilDay = Math.max(exportEndDay, horizonEndDay);
        this.acquisition = new AcquisitionCurve(startDate, exportEndDay, settings.arrivalGrowthPerYear(),
                settings.arrivalSeasonality(), settings.arrivalPeakDayOfYear());
        this.groups = groups(settings);
        this.countryCumulative = cumulative(settings.countries().shares());
        this.channelCumulative = cumulative(settings.channels().shares());
        this.categories = settings.categories().toArray(new String[0]);
        this.categoryCount = Math.min(categories.length, settings.products());
    }

    int dayIndex(LocalDate date) {
        return Math.toIntExact(ChronoUnit.DAYS.between(startDate, date));
    }

    LocalDate date(int dayIndex) {
        return startDate.plusDays(dayIndex);
    }

    CustomerGroup group(int country, int channel) {
        return groups[country * settings.channels().values().size() + channel];
    }

    String customerId(long index) {
        return Long.toString(FIRST_CUSTOMER_ID + index);
    }

    private static CustomerGroup[] groups(Simulate s) {
        List<CustomerGroup> all = new ArrayList<>();
        Simulate.GroupDimension countries = s.countries();
        Simulate.GroupDimension channels = s.channels();
        for (int i = 0; i < countries.values().size(); i++) {
            for (int j = 0; j < channels.values().size(); j++) {
                double rateFactor = countries.rateFactors().get(i) * channels.rateFactors().get(j);
                double loyaltyFactor = countries.loyaltyFactors().get(i) * channels.loyaltyFactors().get(j);
                all.add(new CustomerGroup(countries.values().get(i), channels.values().get(j), s.bgnbd().r(),
                        s.bgnbd().alpha() / rateFactor, s.bgnbd().a(), s.bgnbd().b() * loyaltyFactor));
            }
        }
        return all.toArray(new CustomerGroup[0]);
    }

    private static double[] cumulative(List<Double> shares) {
        double total = shares.stream().mapToDouble(Double::doubleValue).sum();
        double[] cumulative = new double[shares.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += shares.get(i) / total;
            cumulative[i] = sum;
        }
        cumulative[cumulative.length - 1] = 1.0;
        return cumulative;
    }
}
