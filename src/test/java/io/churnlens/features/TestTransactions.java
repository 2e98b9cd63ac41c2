package io.churnlens.features;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds tiny canonical transaction tables ({@link TransactionColumns#SCHEMA}) for tests, one readable line per row. */
public final class TestTransactions {
    private final List<Row> rows = new ArrayList<>();

    /** A purchase without product, category, country or channel. */
    public TestTransactions buy(String customer, String date, String amount) {
        return row(customer, date, amount, false, null, null, null, null);
    }

    /** A return (amount given positive or negative; stored negative). */
    public TestTransactions giveBack(String customer, String date, String amount) {
        return row(customer, date, "-" + amount.replace("-", ""), true, null, null, null, null);
    }

    public TestTransactions row(String customer, String date, String amount, boolean isReturn, String product,
                                String category, String country, String channel) {
        LocalDate day = LocalDate.parse(date);
        rows.add(RowFactory.create("key" + rows.size(), "t" + rows.size(), customer, Timestamp.valueOf(day.atTime(12, 0)), Date.valueOf(day),
                new BigDecimal(amount), null, isReturn, product, category, country, channel, "test.csv", "run-1",
                date.substring(0, 7)));
        return this;
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, TransactionColumns.SCHEMA);
    }
}
