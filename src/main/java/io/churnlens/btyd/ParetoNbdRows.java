package io.churnlens.btyd;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link RfmTable} prepared for the Pareto/NBD likelihood: its A0 is a difference of one function F(x, u) at
 * u = t_x and u = T, so F is evaluated once per distinct (x, time) pair, not twice per row. With whole-day times a
 * million customers have ~700k distinct rows but only tens of thousands of pairs, which is what makes the
 * likelihood cheap enough to fit at that scale.
 */
final class ParetoNbdRows implements Serializable {
    private final RfmTable table;
    private final int[] pairX;          // x of each distinct pair
    private final int[] pairTime;       // index into table.distinctTimes() of each pair
    private final int[] txPair;         // pair of (x, t_x) for each row
    private final int[] tPair;          // pair of (x, T) for each row

    private ParetoNbdRows(RfmTable table, int[] pairX, int[] pairTime, int[] txPair, int[] tPair) {
        this.table = table;
        this.pairX = pairX;
        this.pairTime = pairTime;
        this.txPair = txPair;
        this.tPair = tPair;
    }

    static ParetoNbdRows of(RfmTable table) {
        int rows = table.rows();
        long times = table.distinctTimes().length;
        Map<Long, Integer> index = new HashMap<>();
        int[] txPair = new int[rows], tPair = new int[rows];
        int[] px = new int[2 * rows], pt = new int[2 * rows];
        for (int i = 0; i < rows; i++) {
            txPair[i] = pair(index, table.xIndex(i) * times + table.txIndex(i), table.x(i), table.txIndex(i), px, pt);
            tPair[i] = pair(index, table.xIndex(i) * times + table.tIndex(i), table.x(i), table.tIndex(i), px, pt);
        }
        int n = index.size();
        return new ParetoNbdRows(table, java.util.Arrays.copyOf(px, n), java.util.Arrays.copyOf(pt, n), txPair, tPair);
    }

    private static int pair(Map<Long, Integer> index, long key, int x, int time, int[] px, int[] pt) {
        Integer known = index.get(key);
        if (known != null) return known;
        int id = index.size();
        index.put(key, id);
        px[id] = x;
        pt[id] = time;
        return id;
    }

    RfmTable table() { return table; }
    int pairs() { return pairX.length; }
    int pairX(int pair) { return pairX[pair]; }
    double pairTime(int pair) { return table.distinctTimes()[pairTime[pair]]; }
    int txPair(int row) { return txPair[row]; }
    int tPair(int row) { return tPair[row]; }
}
