package io.churnlens.ingest;

import io.churnlens.config.ChurnlensConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import java.text.Normalizer;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.*;

/**
 * Cleaning of raw text before anything is parsed or compared, the same for every mapped column: Unicode NFC (two
 * encodings of {@code Zoë} are one value), trimming of every kind of space (including no-break U+00A0, zero-width
 * U+200B..U+200D, U+2060 and the byte-order mark U+FEFF), and placeholders such as {@code N/A} read as empty.
 */
final class TextValues {
    /** Spaces a spreadsheet or an export leaves around values: Unicode spaces, separators and zero-width marks. */
    static final String SPACE = "[\\s\\p{Z}\\u200B\\u200C\\u200D\\u2060\\uFEFF]";
    private static final String OUTER_SPACE = "^" + SPACE + "+|" + SPACE + "+$";
    /** The ASCII characters of {@link #SPACE}: {@code \s} (no \p{Z} character is ASCII but the space). */
    private static final String ASCII_SPACE = " \t\n\u000B\f\r";
    /** The characters of a plain decimal number, which no cleaning of {@link #numberText} changes. */
    private static final String PLAIN_NUMBER = "0123456789.-";
    private static final String CURRENCY = "[$€£¥]";
    static final DecimalType PARSE_DECIMAL = DataTypes.createDecimalType(24, 6);

    /** Spark SQL has no Unicode normalisation function (4.1); a deterministic UDF does it. */
    private static final UserDefinedFunction NFC = udf((UDF1<String, String>) TextValues::nfc, DataTypes.StringType);

    private final ChurnlensConfig.Cleaning cleaning;

    TextValues(ChurnlensConfig.Cleaning cleaning) {
        this.cleaning = cleaning;
    }

    /** The cleaned value of an input column; empty values and null tokens give null. Null name = not mapped. */
    Column value(String column) {
        if (column == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column raw = col(quoted(column));
        // ASCII text is NFC already and its only spaces are Java's \\s: the same result without a regex or a UDF.
        Column trimmed = when(isAscii(raw), trim(raw, ASCII_SPACE))
                .otherwise(regexp_replace(NFC.apply(raw), OUTER_SPACE, ""));
        Column missing = trimmed.equalTo("");
        if (!cleaning.nullTokens().isEmpty()) {
            missing = missing.or(trimmed.isin(cleaning.nullTokens().toArray()));
        }
        return when(missing, lit(null).cast(DataTypes.StringType)).otherwise(trimmed);
    }

    /**
     * The text of a number as an export writes it, reduced to what a decimal cast reads: currency signs and the
     * spaces around them dropped, and the configured grouping separator removed between digit groups. Anything
     * else (an inner space such as {@code 12 50}) is kept, so the cast fails instead of joining the digits.
     */
    Column numberText(Column text) {
        return when(isPlainNumber(text), text).otherwise(cleanedNumberText(text));
    }

    private Column cleanedNumberText(Column text) {
        Column bare = regexp_replace(regexp_replace(text, CURRENCY, ""), OUTER_SPACE, "");
        String separator = cleaning.groupingSeparator();
        if (separator == null) {
            return bare;
        }
        String sep = separator.equals(" ") ? SPACE : Pattern.quote(separator);
        return regexp_replace(bare, "(?<=\\d)" + sep + "(?=\\d{3}(?!\\d))", "");
    }

    /** True when the number text still holds a space between characters (not a grouping separator). */
    static Column hasInnerSpace(Column numberText) {
        return coalesce(not(isPlainNumber(numberText)).and(numberText.rlike(SPACE)), lit(false));
    }

    /** Only digits, points and minus signs (so no currency, space or separator): most amounts; null for null. */
    private static Column isPlainNumber(Column text) {
        return translate(text, PLAIN_NUMBER, "").equalTo("");
    }

    /** As many characters as bytes; null for null. */
    private static Column isAscii(Column text) {
        return length(text).equalTo(octet_length(text));
    }

    /** The number a number text holds, or null when it is not one. */
    static Column number(Column numberText) {
        return when(hasInnerSpace(numberText), lit(null).cast(PARSE_DECIMAL)).otherwise(numberText.try_cast(PARSE_DECIMAL));
    }

    /**
     * NFC of a value; text below U+0300 (where the combining marks start) is NFC already, which is nearly every
     * value of an export, so it is returned as it is without the normaliser's copy.
     */
    static String nfc(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '\u0300') {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
