package io.churnlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent fits at the same time from driver threads, results in input order. On small data an MLlib fit
 * is mostly a chain of tiny Spark jobs, each waiting for the driver, so one fit leaves the cores idle; several
 * overlap (as MLlib's CrossValidator does with its parallelism). Every fit is deterministic on its own, so the
 * results are those of running them one after another.
 */
final class ParallelFits {
    private ParallelFits() {}

    static <I, O> List<O> map(List<I> inputs, Function<I, O> fit) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(fit).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size(), r -> {
            Thread t = new Thread(r, "churnlens-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<O>> futures = new ArrayList<>();
            for (I input : inputs) {
                futures.add(pool.submit(() -> fit.apply(input)));
            }
            List<O> out = new ArrayList<>();
            for (Future<O> f : futures) {
                out.add(result(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <O> O result(Future<O> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the churn scorers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
