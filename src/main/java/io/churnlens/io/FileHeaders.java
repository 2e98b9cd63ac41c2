package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the first line of each input file (through Hadoop's FileSystem and its compression codecs, so gzip and
 * object stores work) and whether any data follows it. Only the start of each file is read, by a few threads on the
 * driver: a folder of thousands of files costs thousands of small reads, not a pass over the data.
 */
final class FileHeaders {
    /** A header line longer than this is not a header: the file is refused with a message. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * @param file     the file as listed
     * @param header   the first line's raw bytes without its line break and without a UTF-8 byte order mark;
     *                 null when the file is empty
     * @param hasData  whether anything other than white space follows the first line
     */
    record Probe(String file, byte[] header, boolean hasData) {}

    private FileHeaders() {}

    static List<Probe> probe(SparkSession spark, List<String> files) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        return DriverThreads.map(files, file -> probe(conf, codecs, file));
    }

    private static Probe probe(Configuration conf, CompressionCodecFactory codecs, String file) {
        Path path = new Path(file);
        try (InputStream in = open(conf, codecs, path)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() == MAX_HEADER_BYTES) {
                    throw new InputException("input file " + file + ": its first line is longer than "
                            + MAX_HEADER_BYTES + " bytes, so it is not a header (set input.header = false and "
                            + "input.columns, or check input.delimiter)");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return new Probe(file, null, false);
            }
            return new Probe(file, withoutBomAndCr(line.toByteArray()), b != -1 && dataFollows(in));
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage());
        }
    }

    private static InputStream open(Configuration conf, CompressionCodecFactory codecs, Path path) throws IOException {
        InputStream raw = path.getFileSystem(conf).open(path);
        CompressionCodec codec = codecs.getCodec(path);
        return new BufferedInputStream(codec == null ? raw : codec.createInputStream(raw));
    }

    /** Anything but spaces and line breaks after the header; a long run of white space counts as data. */
    private static boolean dataFollows(InputStream in) throws IOException {
        for (int i = 0; i < MAX_HEADER_BYTES; i++) {
            int b = in.read();
            if (b == -1) {
                return false;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return true;
            }
        }
        return true;
    }

    private static byte[] withoutBomAndCr(byte[] line) {
        int from = line.length >= 3 && line[0] == UTF8_BOM[0] && line[1] == UTF8_BOM[1] && line[2] == UTF8_BOM[2] ? 3 : 0;
        int to = line.length > from && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return java.util.Arrays.copyOfRange(line, from, to);
    }
}
