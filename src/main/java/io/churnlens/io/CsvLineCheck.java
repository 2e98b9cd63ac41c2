package io.churnlens.io;

/**
 * Whether every physical line of a CSV text is a whole record that a line-by-line parser reads exactly as the
 * RFC 4180 stream parser does, so that Spark may split the file at line breaks. A line is <b>plain</b> when each of
 * its fields is either unquoted and free of quote characters, or quoted from its start (after white space) to a
 * closing quote followed only by white space and a delimiter or the line's end, quotes inside it written with the
 * configured escape. Anything else makes the line not plain: a quote still open at the line's end (a quoted line
 * break), a quote inside an unquoted field, an escaped escape ({@code \\}, read differently by parser settings), a
 * bare carriage return, a line of only white space, or both CRLF and LF line ends in one file. One line that is not
 * plain keeps the whole file on the stream parser, as before: the check can only err towards the slower read.
 *
 * <p>A plain line starts and ends outside quotes, so whether a line is plain does not depend on the lines before it:
 * a file can be checked in pieces that start at a line's start. Not thread-safe: one instance per piece.
 */
final class CsvLineCheck {
    private enum State { FIELD_START, UNQUOTED, QUOTED, ESCAPED, QUOTE_IN_QUOTED, AFTER_QUOTED }

    private final byte quote;
    private final byte escape;
    private final byte delimiter;
    private State state = State.FIELD_START;
    private boolean lineEmpty = true;
    private boolean lineBlank = true;
    private boolean afterCarriageReturn;
    private boolean plain = true;
    private boolean sawCrLf;
    private boolean sawLf;

    CsvLineCheck(char quote, char escape, char delimiter) {
        this.quote = (byte) quote;
        this.escape = (byte) escape;
        this.delimiter = (byte) delimiter;
    }

    /** Checks the next bytes; false as soon as a line is not plain (the rest need not be read). */
    boolean accept(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end && plain; i++) {
            byte b = bytes[i];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                plain = b == '\n'; // a bare carriage return ends a line for one reader and not for the other
                if (plain) {
                    endOfLine(true);
                }
            } else if (b == '\r') {
                afterCarriageReturn = true;
            } else if (b == '\n') {
                endOfLine(false);
            } else {
                step(b);
            }
        }
        return plain;
    }

    /**
     * At the end of the text: whether every line was plain, a last line without a line break included, and the
     * line ends were all CRLF or all LF.
     */
    boolean plainAtEnd() {
        if (plain && !afterCarriageReturn && !lineEmpty) {
            judgeLine();
        }
        return plain && !afterCarriageReturn && !(sawCrLf && sawLf);
    }

    boolean sawCrLf() {
        return sawCrLf;
    }

    boolean sawLf() {
        return sawLf;
    }

    private void endOfLine(boolean crlf) {
        if (crlf) {
            sawCrLf = true;
        } else {
            sawLf = true;
        }
        judgeLine();
    }

    private void judgeLine() {
        if (state == State.QUOTED || state == State.ESCAPED || !lineEmpty && lineBlank) {
            plain = false;
        }
        state = State.FIELD_START;
        lineEmpty = true;
        lineBlank = true;
    }

    /** White space as the CSV parser skips it around fields: the control characters and the space. */
    private boolean space(byte b) {
        return b >= 0 && b <= ' ' && b != delimiter;
    }

    private void step(byte b) {
        lineEmpty = false;
        lineBlank &= space(b);
        switch (state) {
            case FIELD_START -> {
                if (b == quote) {
                    state = State.QUOTED;
                } else if (b != delimiter && !space(b)) {
                    state = State.UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (b == quote) {
                    plain = false;
                } else if (b == delimiter) {
                    state = State.FIELD_START;
                }
            }
            case QUOTED -> {
                if (b == quote) {
                    state = State.QUOTE_IN_QUOTED;
                } else if (b == escape) {
                    state = State.ESCAPED;
                }
            }
            case ESCAPED -> {
                plain = b != escape;
                state = State.QUOTED;
            }
            case QUOTE_IN_QUOTED -> {
                if (b == quote && escape == quote) {
                    state = State.QUOTED;
                } else {
                    afterQuoted(b);
                }
            }
            case AFTER_QUOTED -> afterQuoted(b);
        }
    }

    private void afterQuoted(byte b) {
        if (b == delimiter) {
            state = State.FIELD_START;
        } else if (space(b)) {
            state = State.AFTER_QUOTED;
        } else {
            plain = false;
        }
    }
}
