package io.churnlens.io;

/** The input cannot be read as configured (missing path, missing column). Exits the CLI with code 3. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    /** With the failure behind it (e.g. Spark's, whose error condition says what is wrong with the files). */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
