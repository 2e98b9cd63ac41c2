package io.churnlens.btyd;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Compressed statistics (an {@link RfmTable} or a {@link SpendTable}) as the fitters see them: either one table on
 * the driver, or one table per partition on the executors when there are more distinct rows than
 * {@code clv.max-distinct-statistics} allows on the driver. A fitter only ever asks for sums over the chunks, so
 * the same fitting code runs in both places.
 *
 * <p>Sums are added in chunk order on the driver, so the same statistics give the same sum on every call, which the
 * optimiser's convergence checks need. On the executors every sum is one Spark job: slower per evaluation, but
 * the driver never holds more than one number per chunk.
 */
public abstract sealed class StatisticChunks<T extends Serializable> implements Serializable {
    /** A per-chunk quantity, shipped to the executors. */
    public interface ChunkSum<T> extends Serializable {
        double of(T chunk);
    }

    /** A per-chunk transformation (e.g. rescaling time), shipped to the executors. */
    public interface ChunkMap<T, U> extends Serializable {
        U of(T chunk);
    }

    public static <T extends Serializable> StatisticChunks<T> onDriver(T table) {
        return new OnDriver<>(table);
    }

    /** The chunks of a persisted RDD (one table per partition, empty partitions left out). */
    public static <T extends Serializable> StatisticChunks<T> onExecutors(JavaRDD<T> chunks) {
        return new OnExecutors<>(chunks.persist(StorageLevel.MEMORY_AND_DISK()));
    }

    public abstract double sum(ChunkSum<T> perChunk);

    public abstract <U extends Serializable> StatisticChunks<U> map(ChunkMap<T, U> transform);

    /** Where the sums run, for the fit's note and the logs. */
    public abstract String where();

    private static final class OnDriver<T extends Serializable> extends StatisticChunks<T> {
        private final T table;

        OnDriver(T table) {
            this.table = table;
        }

        @Override
        public double sum(ChunkSum<T> perChunk) {
            return perChunk.of(table);
        }

        @Override
        public <U extends Serializable> StatisticChunks<U> map(ChunkMap<T, U> transform) {
            return new OnDriver<>(transform.of(table));
        }

        @Override
        public String where() {
            return "driver";
        }
    }

    private static final class OnExecutors<T extends Serializable> extends StatisticChunks<T> {
        private final transient JavaRDD<T> chunks;

        OnExecutors(JavaRDD<T> chunks) {
            this.chunks = chunks;
        }

        @Override
        public double sum(ChunkSum<T> perChunk) {
            List<Double> parts = chunks.map(perChunk::of).collect();   // in partition order
            double total = 0;
            for (double p : parts) total += p;
            return total;
        }

        @Override
        public <U extends Serializable> StatisticChunks<U> map(ChunkMap<T, U> transform) {
            return onExecutors(chunks.map(transform::of));
        }

        @Override
        public String where() {
            return "executors (" + chunks.getNumPartitions() + " chunks)";
        }
    }
}
