package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which CSV files are read line by line, so that Spark splits a large file across tasks, and which are read as an
 * RFC 4180 stream by one task (quoted fields may then hold line breaks). {@code input.multiline = true} streams every
 * file and {@code false} splits every file (a quoted line break then breaks its row); {@code auto} splits a file
 * only when {@link CsvLineCheck} finds every line of it plain, read in pieces by a few driver threads. Files Spark
 * would not split anyway are not checked and stay on the stream parser: compressed ones and those no larger than
 * {@code spark.sql.files.openCostInBytes} (or {@code maxPartitionBytes}, if smaller).
 */
final class CsvSplits {
    /** A large file is checked in pieces of this size, in parallel. */
    static final long PIECE_BYTES = 32L << 20;
    private static final int BUFFER = 1 << 20;

    private record Piece(String file, long start, long end) {}

    private CsvSplits() {}

    /** The files of {@code files} to read line by line (split); the others are read as streams. */
    static Set<String> lineByLine(SparkSession spark, ChurnlensConfig.Input input, List<String> files) {
        return switch (input.multiline()) {
            case TRUE -> Set.of();
            case FALSE -> Set.copyOf(files);
            case AUTO -> checked(spark, input, files);
        };
    }

    private static Set<String> checked(SparkSession spark, ChurnlensConfig.Input input, List<String> files) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        long smallest = Math.min(spark.sessionState().conf().filesOpenCostInBytes(),
                spark.sessionState().conf().filesMaxPartitionBytes());
        List<Piece> pieces = new ArrayList<>();
        for (String file : files) {
            long length = length(conf, file);
            if (codecs.getCodec(new Path(file)) == null && length > smallest) {
                for (long start = 0; start < length; start += PIECE_BYTES) {
                    pieces.add(new Piece(file, start, Math.min(length, start + PIECE_BYTES)));
                }
            }
        }
        Map<String, Boolean> failed = new ConcurrentHashMap<>();
        char quote = '"';
        char delimiter = RawSource.separator(input).charAt(0);
        List<CsvLineCheck> checks = DriverThreads.map(pieces, p -> check(conf, p, failed,
                new CsvLineCheck(quote, input.escape().charAt(0), delimiter)));
        Set<String> crlf = new HashSet<>();
        Set<String> lf = new HashSet<>();
        for (int i = 0; i < pieces.size(); i++) {
            String file = pieces.get(i).file();
            if (checks.get(i).sawCrLf()) crlf.add(file);
            if (checks.get(i).sawLf()) lf.add(file);
        }
        Set<String> split = new HashSet<>();
        pieces.forEach(p -> split.add(p.file()));
        split.removeAll(failed.keySet());
        split.removeIf(f -> crlf.contains(f) && lf.contains(f));
        return split;
    }

    /**
     * Checks the lines that start in the piece, the last one to its line break (or the file's end); marks the file
     * when one is not plain. The first line of a piece after the first starts after the first line break at or after
     * the piece's start - 1.
     */
    private static CsvLineCheck check(Configuration conf, Piece piece, Map<String, Boolean> failed, CsvLineCheck check) {
        Path path = new Path(piece.file());
        try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
            long position = Math.max(0, piece.start() - 1);
            in.seek(position);
            long begin = piece.start() == 0 ? 0 : -1;
            byte[] buffer = new byte[BUFFER];
            int n;
            while (!failed.containsKey(piece.file()) && (n = in.read(buffer)) > 0) {
                int from = 0;
                if (begin < 0) {
                    int lineBreak = indexOfLineBreak(buffer, 0, n);
                    if (lineBreak < 0) {
                        position += n;
                        continue;
                    }
                    begin = position + lineBreak + 1;
                    if (begin >= piece.end()) {
                        return check;
                    }
                    from = lineBreak + 1;
                }
                long lastLine = piece.end() - 1 - position;
                int lastBreak = lastLine < n ? indexOfLineBreak(buffer, (int) Math.max(from, lastLine), n) : -1;
                int to = lastBreak < 0 ? n : lastBreak + 1;
                if (!check.accept(buffer, from, to - from)) {
                    failed.put(piece.file(), true);
                }
                if (lastBreak >= 0) {
                    return check;
                }
                position += n;
            }
            if (begin >= 0 && !check.plainAtEnd()) {
                failed.put(piece.file(), true);
            }
            return check;
        } catch (IOException e) {
            throw new InputException("cannot read input file " + piece.file() + ": " + e.getMessage());
        }
    }

    private static int indexOfLineBreak(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long length(Configuration conf, String file) {
        try {
            Path path = new Path(file);
            FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            return status.getLen();
        } catch (IOException e) {
            throw new InputException("cannot read input file " + file + ": " + e.getMessage());
        }
    }
}
