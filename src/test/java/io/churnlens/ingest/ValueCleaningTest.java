package io.churnlens.ingest;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 items 10 and 11: placeholders, Unicode and spaces in ids; amounts never changed silently. */
class ValueCleaningTest extends IngestTestBase {
    @Test
    void placeholdersAreEmptyInEveryMappedColumn() throws Exception {
        Path file = fx.csv("nulls.csv",
                "t1,NULL,2026-01-05 10:00:00,1,p1,GB", "t2,null,2026-01-05 10:00:00,1,p1,GB",
                "t3,N/A,2026-01-05 10:00:00,1,p1,GB", "t4,#VALUE!,2026-01-05 10:00:00,1,p1,GB",
                "t5,  -  ,2026-01-05 10:00:00,1,p1,GB", "t6,c1,#N/A,1,p1,GB", "t7,c1,2026-01-05 10:00:00,None,p1,GB",
                "t8,c1,2026-01-05 10:00:00,2,N/A,nil", "t9,c1,2026-01-05 10:00:00,3,p1,NA");
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        assertThat(IngestFixture.reasonsByTransaction(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t1", "MISSING_CUSTOMER", "t2", "MISSING_CUSTOMER", "t3", "MISSING_CUSTOMER", "t4", "MISSING_CUSTOMER",
                "t5", "MISSING_CUSTOMER", "t6", "MISSING_DATE", "t7", "UNPARSABLE_AMOUNT"));
        assertThat(result.quarantine().where(col("raw").contains("#VALUE!")).select("detail").as(Encoders.STRING())
                .first()).contains("holds '#VALUE!'").contains("input.null-tokens");
        Map<String, Row> accepted = IngestFixture.acceptedByTransaction(result);
        assertThat(accepted.get("t8").<String>getAs(TransactionColumns.PRODUCT_ID)).isNull();
        assertThat(accepted.get("t8").<String>getAs(TransactionColumns.COUNTRY)).isNull();
        // "NA" is Namibia, not a placeholder, unless the config says so.
        assertThat(accepted.get("t9").<String>getAs(TransactionColumns.COUNTRY)).isEqualTo("NA");
        ChurnlensConfig withNa = IngestFixture.config("input.null-tokens=[NA]");
        Row t9 = IngestFixture.acceptedByTransaction(fx.ingest(withNa, file, null)).get("t9");
        assertThat(t9.<String>getAs(TransactionColumns.COUNTRY)).isNull();
    }

    @Test
    void unicodeFormsAndInvisibleSpacesGiveOneCustomer() throws Exception {
        String composed = "Zo\u00EB";          // ë as one code point
        String decomposed = "Zoe\u0308";       // e + combining diaeresis
        Path file = fx.csv("unicode.csv",
                "t1," + composed + ",2026-01-05 10:00:00,1,p1,GB", "t2," + decomposed + ",2026-01-06 10:00:00,2,p1,GB",
                "t3,\u00A0c7\u00A0,2026-01-05 10:00:00,1,p1,GB", "t4,\u200Bc7\uFEFF,2026-01-06 10:00:00,1,p1,GB",
                "t5,\u2007c7\u3000,2026-01-07 10:00:00,1,p1\u200B,GB", "t6,\u200B\u00A0,2026-01-07 10:00:00,1,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        assertThat(result.accepted().select(TransactionColumns.CUSTOMER_ID).distinct().as(Encoders.STRING())
                .collectAsList()).containsExactlyInAnyOrder(composed, "c7");
        assertThat(result.accepted().select(TransactionColumns.PRODUCT_ID).distinct().as(Encoders.STRING())
                .collectAsList()).containsExactly("p1");
        assertThat(IngestFixture.reasonsByTransaction(result)).containsExactlyEntriesOf(Map.of("t6", "MISSING_CUSTOMER"));
    }

    @Test
    void idsLongerThanTheLimitAreQuarantined() throws Exception {
        String limit = "x".repeat(128);
        Path file = fx.csv("long.csv", "t1," + limit + ",2026-01-05 10:00:00,1,p1,GB",
                "t2," + limit + "y,2026-01-05 10:00:00,1,p1,GB", "t3,c1,2026-01-05 10:00:00,1," + "p".repeat(200) + ",GB",
                "t4".repeat(70) + ",c1,2026-01-05 10:00:00,1,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        assertThat(result.counts()).containsEntry("quarantined:ID_TOO_LONG", 3L)
                .containsEntry(DataQualityColumns.ACCEPTED, 1L);
        assertThat(result.quarantine().select("detail").as(Encoders.STRING()).collectAsList())
                .anyMatch(d -> d.startsWith("customer id has 129 characters, more than ingest.max-id-length 128"))
                .anyMatch(d -> d.startsWith("product id has 200 characters"))
                .anyMatch(d -> d.startsWith("transaction id has 140 characters"));
        assertThat(fx.ingest(IngestFixture.config("ingest.max-id-length=500"), file, null).counts())
                .containsEntry("quarantined:ID_TOO_LONG", 0L);
    }

    @Test
    void anInnerSpaceIsNeverJoinedIntoOneNumber() throws Exception {
        Path file = fx.csv("spaces.csv", "t1,c1,2026-01-05 10:00:00,12 50,p1,GB", "t2,c1,2026-01-05 10:00:00,1 250.00,p1,GB",
                "t3,c1,2026-01-05 10:00:00,$ 15.80,p1,GB", "t4,c1,2026-01-05 10:00:00, -$3.00 ,p1,GB",
                "t5,c1,2026-01-05 10:00:00,€7,p1,GB", "t6,c1,2026-01-05 10:00:00,\"1,250.00\",p1,GB",
                "t7,c1,2026-01-05 10:00:00,9.99 £,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        assertThat(IngestFixture.reasonsByTransaction(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t1", "UNPARSABLE_AMOUNT", "t2", "UNPARSABLE_AMOUNT", "t6", "UNPARSABLE_AMOUNT"));
        assertThat(result.quarantine().where(col("raw").contains("12 50")).select("detail").as(Encoders.STRING()).first())
                .isEqualTo("amount from 'amount' has a space inside the number: '12 50' (never joined into one number; "
                        + "set input.grouping-separator if it separates thousands)");
        assertThat(amounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t3", new BigDecimal("15.80"), "t4", new BigDecimal("-3.00"), "t5", new BigDecimal("7.00"),
                "t7", new BigDecimal("9.99")));

        IngestResult spaced = fx.ingest(IngestFixture.config("input.grouping-separator=\" \""), file, null);
        assertThat(amounts(spaced)).containsEntry("t2", new BigDecimal("1250.00")).doesNotContainKey("t1");
        IngestResult commas = fx.ingest(IngestFixture.config("input.grouping-separator=\",\""), file, null);
        assertThat(amounts(commas)).containsEntry("t6", new BigDecimal("1250.00")).doesNotContainKeys("t1", "t2");
    }

    @Test
    void subCentAmountsAreRoundedAndCounted() throws Exception {
        Path file = fx.csv("cents.csv", "t1,c1,2026-01-05 10:00:00,12.345,p1,GB", "t2,c1,2026-01-05 10:00:00,12.344,p1,GB",
                "t3,c1,2026-01-05 10:00:00,15.800,p1,GB", "t4,c1,2026-01-05 10:00:00,-0.125,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config(), file, null);
        assertThat(amounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("t1", new BigDecimal("12.35"),
                "t2", new BigDecimal("12.34"), "t3", new BigDecimal("15.80"), "t4", new BigDecimal("-0.13")));
        assertThat(result.counts()).containsEntry(DataQualityColumns.AMOUNTS_ROUNDED, 3L);
    }

    @Test
    void aFractionalQuantityIsQuarantinedNeverTruncated() throws Exception {
        Path file = fx.write("qty.csv", "transaction_id,customer_id,order_ts,qty,price\n"
                + "t1,c1,2026-01-05 10:00:00,2.5,4.00\nt2,c1,2026-01-05 10:00:00,2.0,4.00\n"
                + "t3,c1,2026-01-05 10:00:00,-3,4.00\nt4,c1,2026-01-05 10:00:00,0.001,4.00\n");
        IngestResult result = fx.ingest(IngestFixture.config("mapping.amount=", "mapping.quantity=qty",
                "mapping.unit-price=price", "mapping.product-id=", "mapping.country="), file, null);
        assertThat(IngestFixture.reasonsByTransaction(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t1", "FRACTIONAL_QUANTITY", "t4", "FRACTIONAL_QUANTITY"));
        assertThat(result.quarantine().where(col("raw").contains("\"t1\"")).select("detail").as(Encoders.STRING())
                .first()).isEqualTo("quantity from 'qty' is 2.500000, not a whole number of items");
        Map<String, Row> accepted = IngestFixture.acceptedByTransaction(result);
        assertThat(accepted.get("t2").<Long>getAs(TransactionColumns.QUANTITY)).isEqualTo(2L);
        assertThat(accepted.get("t2").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("8.00");
        assertThat(accepted.get("t3").<Long>getAs(TransactionColumns.QUANTITY)).isEqualTo(-3L);
        assertThat(result.counts()).containsEntry("quarantined:FRACTIONAL_QUANTITY", 2L);
    }

    private static Map<String, BigDecimal> amounts(IngestResult result) {
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        IngestFixture.acceptedByTransaction(result).forEach((k, v) -> out.put(k, v.getAs(TransactionColumns.AMOUNT)));
        return out;
    }
}
