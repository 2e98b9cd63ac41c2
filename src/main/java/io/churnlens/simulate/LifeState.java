package io.churnlens.simulate;

import java.util.Arrays;

/**
 * The hidden state of one customer of the disengaging world at an instant: everything the future depends on, so a
 * copy taken at the truth snapshot T is the start of every Monte-Carlo future. Mutable; {@link #copy} before reuse.
 */
final class LifeState {
    /** The instant the state describes, in days after the start. */
    double now;
    /** Onset of disengagement; NaN while fully engaged. */
    double onsetDay = Double.NaN;
    /** Drop-out instant (onset + lead); NaN while fully engaged. */
    double dropoutDay = Double.NaN;
    /** Returns made up to now: each raises the hazard of the onset. */
    int returns;
    /** Instants of returns already decided (of past purchases) but not yet made, ascending. */
    private double[] pending = new double[2];
    private int pendingCount;

    LifeState(double now) {
        this.now = now;
    }

    boolean engaged() {
        return Double.isNaN(onsetDay);
    }

    boolean droppedOut() {
        return !Double.isNaN(dropoutDay) && dropoutDay <= now;
    }

    /** Engagement at {@code day} (at or after onset): 1 before the onset, falling linearly to the floor at drop-out. */
    double engagement(double day, double floor) {
        if (engaged() || day < onsetDay) return 1.0;
        if (day >= dropoutDay) return 0.0;
        double lead = dropoutDay - onsetDay;
        return 1.0 - (1.0 - floor) * (day - onsetDay) / lead;
    }

    double nextPendingReturn() {
        return pendingCount == 0 ? Double.POSITIVE_INFINITY : pending[0];
    }

    void schedule(double returnDay) {
        if (pendingCount == pending.length) pending = Arrays.copyOf(pending, pending.length * 2);
        int at = pendingCount;
        while (at > 0 && pending[at - 1] > returnDay) {
            pending[at] = pending[at - 1];
            at--;
        }
        pending[at] = returnDay;
        pendingCount++;
    }

    /** Makes the earliest pending return. */
    void makeReturn() {
        System.arraycopy(pending, 1, pending, 0, pendingCount - 1);
        pendingCount--;
        returns++;
    }

    LifeState copy() {
        LifeState c = new LifeState(now);
        c.onsetDay = onsetDay;
        c.dropoutDay = dropoutDay;
        c.returns = returns;
        c.pending = Arrays.copyOf(pending, pending.length);
        c.pendingCount = pendingCount;
        return c;
    }
}
