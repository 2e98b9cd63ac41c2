package io.churnlens.io;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * Strict decoding of text that Spark read byte for byte. The readers decode files as ISO-8859-1, which maps every
 * byte to the char of the same value and so loses nothing; delimiters, quotes and line breaks are ASCII and split
 * the same in every ASCII-compatible charset. Each field is then decoded here with the configured charset, reporting
 * (never replacing) bytes that are not valid in it. Runs on the executors, one field at a time.
 */
final class StrictText {
    private StrictText() {}

    /** The field decoded with {@code charset}, or null when its bytes are not valid in it (or it is null). */
    static String decode(String bytesAsLatin1, String charset) {
        if (bytesAsLatin1 == null || isAscii(bytesAsLatin1)) {
            return bytesAsLatin1;
        }
        try {
            return decoder(charset).decode(ByteBuffer.wrap(bytesAsLatin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The field for a person to read: what decodes is shown decoded, each invalid byte as {@code \xNN}. */
    static String escaped(String bytesAsLatin1, String charset) {
        if (bytesAsLatin1 == null || isAscii(bytesAsLatin1)) {
            return bytesAsLatin1;
        }
        ByteBuffer in = ByteBuffer.wrap(bytesAsLatin1.getBytes(StandardCharsets.ISO_8859_1));
        CharBuffer out = CharBuffer.allocate(bytesAsLatin1.length() * 4 + 4);
        CharsetDecoder decoder = decoder(charset);
        StringBuilder text = new StringBuilder();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            text.append(out);
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format(Locale.ROOT, "\\x%02X", in.get() & 0xFF));
                }
            } else if (result.isUnderflow()) {
                decoder.flush(out);
                out.flip();
                return text.append(out).toString();
            }
        }
    }

    /**
     * The field decoded with {@code charset}, null when its bytes are not valid in it: the same as {@link #decode},
     * as Spark expressions where they exist. ASCII text (as many characters as bytes) is the same in every
     * ASCII-compatible charset; ISO-8859-1 is what was read; UTF-8 is validated on the field's bytes by Spark (whose
     * validity check agrees with Java's strict decoder); other charsets run {@link #decode} on non-ASCII fields.
     */
    static Column decoded(Column bytesAsLatin1, String charset) {
        Charset target = Charset.forName(charset);
        if (target.equals(StandardCharsets.ISO_8859_1)) {
            return bytesAsLatin1;
        }
        Column nonAscii = target.equals(StandardCharsets.UTF_8)
                ? try_validate_utf8(encode(bytesAsLatin1, StandardCharsets.ISO_8859_1.name()).cast(DataTypes.StringType))
                : udf((UDF1<String, String>) s -> decode(s, charset), DataTypes.StringType).apply(bytesAsLatin1);
        return when(isAscii(bytesAsLatin1), bytesAsLatin1).otherwise(nonAscii);
    }

    /** True when every character of the text is ASCII (as many characters as UTF-8 bytes), null for null. */
    static Column isAscii(Column text) {
        return length(text).equalTo(octet_length(text));
    }

    static UserDefinedFunction escapedUdf(String charset) {
        return udf((UDF1<String, String>) s -> escaped(s, charset), DataTypes.StringType);
    }

    /** Decodes a header line's raw bytes strictly; the caller names the file when it is not valid. */
    static String decodeHeader(byte[] line, Charset charset) throws CharacterCodingException {
        return decoder(charset.name()).decode(ByteBuffer.wrap(line)).toString();
    }

    private static CharsetDecoder decoder(String charset) {
        return Charset.forName(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
