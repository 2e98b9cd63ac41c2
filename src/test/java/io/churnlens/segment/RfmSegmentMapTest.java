package io.churnlens.segment;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.churnlens.segment.RfmSegmentMap.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RfmSegmentMapTest {

    @Test
    void everyScoreTripleHasASegmentAndEverySegmentIsReachable() {
        Set<String> reached = new HashSet<>();
        for (int r = 1; r <= 5; r++)
            for (int f = 1; f <= 5; f++)
                for (int m = 1; m <= 5; m++)
                    reached.add(nameOf(r, f, m));
        assertThat(reached).containsExactlyInAnyOrder(CHAMPIONS, LOYAL, POTENTIAL_LOYALISTS, NEW, PROMISING,
                NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANT_LOSE_THEM, HIBERNATING, LOST);
    }

    @Test
    void typicalTriples() {
        assertThat(nameOf(5, 5, 5)).isEqualTo(CHAMPIONS);
        assertThat(nameOf(4, 4, 4)).isEqualTo(CHAMPIONS);
        assertThat(nameOf(1, 5, 5)).isEqualTo(CANT_LOSE_THEM);
        assertThat(nameOf(2, 5, 5)).isEqualTo(AT_RISK);
        assertThat(nameOf(1, 3, 3)).isEqualTo(AT_RISK);
        assertThat(nameOf(5, 1, 1)).isEqualTo(NEW);
        assertThat(nameOf(5, 1, 5)).as("one recent big purchase is still new").isEqualTo(NEW);
        assertThat(nameOf(4, 1, 2)).isEqualTo(PROMISING);
        assertThat(nameOf(3, 3, 4)).isEqualTo(LOYAL);
        assertThat(nameOf(5, 3, 3)).isEqualTo(LOYAL);
        assertThat(nameOf(5, 2, 2)).isEqualTo(POTENTIAL_LOYALISTS);
        assertThat(nameOf(3, 1, 5)).as("one purchase, not loyal").isEqualTo(NEED_ATTENTION);
        assertThat(nameOf(3, 2, 3)).isEqualTo(NEED_ATTENTION);
        assertThat(nameOf(3, 1, 2)).isEqualTo(ABOUT_TO_SLEEP);
        assertThat(nameOf(2, 2, 2)).isEqualTo(HIBERNATING);
        assertThat(nameOf(1, 1, 1)).isEqualTo(LOST);
        assertThat(nameOf(1, 2, 3)).isEqualTo(LOST);
    }

    @Test
    void orderFollowsTheTable() {
        assertThat(order(CHAMPIONS)).isEqualTo(1);
        assertThat(order(LOST)).isEqualTo(RULES.size());
        assertThatThrownBy(() -> nameOf(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
