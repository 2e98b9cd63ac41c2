package io.churnlens.simulate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a simulated customer into the rows of the raw export ({@code SimulationColumns.Raw}), spoiling some at the
 * configured rates, and records which ones it spoiled ({@code SimulationColumns.Messy}).
 *
 * <p>Only rows dated up to the end of the period are exported. Each purchase is one row; a returned purchase gets a
 * second row with the negative amount on its return date. Transaction ids are {@code <customer id>-<n>}, numbered
 * per customer in the order rows are made.
 */
final class ExportRows implements Serializable {
    private static final String[] UNPARSABLE_DATES = {"N/A", "#VALUE!", "0000-00-00 00:00:00", "not recorded"};
    private static final String IMPLAUSIBLE_AMOUNT = "1000000000.00";
    private static final int MAX_DAYS_AFTER_END = 90;
    private static final MessyKind[] KINDS = MessyKind.values();

    /** The export rows and the spoiled-row records of one customer. */
    record Export(List<Row> rows, List<Row> messy) {}

    private final SimulationPlan plan;
    private final long startEpochSecond;

    ExportRows(SimulationPlan plan) {
        this.plan = plan;
        this.startEpochSecond = plan.startDate.toEpochDay() * 86_400L;
    }

    Export export(SimulatedCustomer customer) {
        CustomerRows out = new CustomerRows(customer,
                RandomDraws.of(plan.settings.seed(), customer.index(), RandomDraws.Purpose.MESSY));
        double[] days = customer.purchaseDays();
        for (int i = 0; i < days.length && days[i] < plan.exportEndDay; i++) {
            out.add(days[i], customer.amountCents()[i], customer.productIndex()[i]);
            double returnDay = customer.returnDays()[i];
            if (returnDay < plan.exportEndDay) {
                out.add(returnDay, -customer.amountCents()[i], customer.productIndex()[i]);
            }
        }
        return new Export(out.rows, out.messy);
    }

    /** Number of clean rows (purchases, returns) the customer has in the export; used by the ground truth. */
    int[] cleanRowCounts(SimulatedCustomer customer) {
        int purchases = 0;
        int returns = 0;
        double[] days = customer.purchaseDays();
        for (int i = 0; i < days.length && days[i] < plan.exportEndDay; i++) {
            purchases++;
            if (customer.returnDays()[i] < plan.exportEndDay) returns++;
        }
        return new int[] {purchases, returns};
    }

    private String timestamp(double day) {
        return ExportText.timestamp(startEpochSecond + (long) Math.floor(day * 86_400.0));
    }

    /** Collects one customer's rows; the messy draws are made for every clean row and kind, used or not. */
    private final class CustomerRows {
        final SimulatedCustomer customer;
        final RandomDraws messyDraws;
        final List<Row> rows = new ArrayList<>();
        final List<Row> messy = new ArrayList<>(0);
        int sequence = 0;

        CustomerRows(SimulatedCustomer customer, RandomDraws messyDraws) {
            this.customer = customer;
            this.messyDraws = messyDraws;
        }

        void add(double day, long cents, int product) {
            String id = customer.id();
            String country = customer.group().country();
            String channel = customer.group().channel();
            String productId = product < 0 ? null : ExportText.productId(product);
            String category = product < 0 ? null : plan.categories[product % plan.categoryCount];
            String timestamp = timestamp(day);
            String amount = ExportText.amount(cents);

            boolean[] spoil = new boolean[KINDS.length];
            for (MessyKind kind : KINDS) {
                spoil[kind.ordinal()] = messyDraws.chance(kind.rate(plan.settings.messy()));
            }
            int choice = messyDraws.index(1 << 16);

            String transactionId = nextId();
            String shownId = spoil[MessyKind.FLOAT_CUSTOMER_ID.ordinal()] ? id + ".0" : id;
            Row clean = RowFactory.create(transactionId, shownId, timestamp, amount, country, channel, productId, category);
            rows.add(clean);
            if (spoil[MessyKind.FLOAT_CUSTOMER_ID.ordinal()]) record(transactionId, MessyKind.FLOAT_CUSTOMER_ID);
            if (spoil[MessyKind.DUPLICATE.ordinal()]) {
                rows.add(clean);
                record(transactionId, MessyKind.DUPLICATE);
            }
            if (spoil[MessyKind.MISSING_CUSTOMER_ID.ordinal()]) {
                extra(MessyKind.MISSING_CUSTOMER_ID, null, timestamp, amount, country, channel, productId, category);
            }
            if (spoil[MessyKind.UNPARSABLE_DATE.ordinal()]) {
                String badDate = UNPARSABLE_DATES[choice % UNPARSABLE_DATES.length];
                extra(MessyKind.UNPARSABLE_DATE, id, badDate, amount, country, channel, productId, category);
            }
            if (spoil[MessyKind.UNPARSABLE_AMOUNT.ordinal()]) {
                extra(MessyKind.UNPARSABLE_AMOUNT, id, timestamp, unparsableAmount(amount, choice), country, channel,
                        productId, category);
            }
            if (spoil[MessyKind.IMPLAUSIBLE_AMOUNT.ordinal()]) {
                extra(MessyKind.IMPLAUSIBLE_AMOUNT, id, timestamp, IMPLAUSIBLE_AMOUNT, country, channel, productId, category);
            }
            if (spoil[MessyKind.DATE_AFTER_END.ordinal()]) {
                double lateDay = plan.exportEndDay + (choice % MAX_DAYS_AFTER_END) + (day - Math.floor(day));
                extra(MessyKind.DATE_AFTER_END, id, timestamp(lateDay), amount, country, channel, productId, category);
            }
        }

        private void extra(MessyKind kind, String customerId, String timestamp, String amount, String country,
                           String channel, String productId, String category) {
            String transactionId = nextId();
            rows.add(RowFactory.create(transactionId, customerId, timestamp, amount, country, channel, productId, category));
            record(transactionId, kind);
        }

        private void record(String transactionId, MessyKind kind) {
            messy.add(RowFactory.create(transactionId, customer.id(), kind.name()));
        }

        private String nextId() {
            return customer.id() + "-" + (++sequence);
        }
    }

    private static String unparsableAmount(String amount, int choice) {
        return switch (choice % 4) {
            case 0 -> "N/A";
            case 1 -> amount.replace('.', ',');
            case 2 -> amount + " EUR";
            default -> "#VALUE!";
        };
    }
}
