package io.churnlens.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A few driver threads for small per-file reads (a header line, a Parquet footer, a piece of a file to check): on an object store each read is
 * mostly latency, so thousands of files take seconds, not minutes. Results keep the order of the files.
 */
final class DriverThreads {
    private static final int THREADS = 16;

    private DriverThreads() {}

    static <S, T> List<T> map(List<S> files, Function<S, T> read) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, files.size())));
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (S file : files) {
                pending.add(pool.submit(() -> read.apply(file)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> p : pending) {
                results.add(p.get());
            }
            return results;
        } catch (ExecutionException e) {
            // A checked failure (Spark's AnalysisException is one) keeps its cause: its error condition names the problem.
            throw e.getCause() instanceof RuntimeException r ? r : new InputException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while reading the start of " + files.size() + " input files");
        } finally {
            pool.shutdownNow();
        }
    }
}
