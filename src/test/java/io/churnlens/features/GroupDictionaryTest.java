package io.churnlens.features;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Coding of the group columns (country, channel) for the per-customer pass, and the modal value. */
class GroupDictionaryTest {
    // Stand-ins for Spark's xxhash64 of each value: any distinct longs do.
    static final Map<String, Long> HASHES = Map.of("web", 11L, "app", 22L, "store", 33L);
    static final GroupDictionary CHANNELS = new GroupDictionary(HASHES);

    static long[] codes(String... values) {
        long[] codes = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = values[i] == null ? 0 : CHANNELS.code(HASHES.get(values[i]));
        }
        return codes;
    }

    @Test
    void codesFollowAlphabeticalOrder() {
        assertThat(CHANNELS.code(22L)).isEqualTo(1);   // app
        assertThat(CHANNELS.code(33L)).isEqualTo(2);   // store
        assertThat(CHANNELS.code(11L)).isEqualTo(3);   // web
    }

    @Test
    void modalValueIsTheMostFrequent() {
        long[] codes = codes("web", "store", "web", "app", "web", "store");
        assertThat(CHANNELS.modalValue(codes, codes.length)).isEqualTo("web");
    }

    @Test
    void aTieGoesToTheAlphabeticallyFirstValue() {
        long[] codes = codes("web", "store", "store", "web");
        assertThat(CHANNELS.modalValue(codes, codes.length)).isEqualTo("store");
    }

    @Test
    void nullsNeverWinAndAllNullsGiveNull() {
        long[] codes = codes(null, null, null, "web");
        assertThat(CHANNELS.modalValue(codes, codes.length)).isEqualTo("web");
        long[] none = codes(null, null);
        assertThat(CHANNELS.modalValue(none, none.length)).isNull();
        assertThat(CHANNELS.modalValue(new long[0], 0)).isNull();
    }

    @Test
    void onlyTheFirstNCodesCount() {
        long[] codes = codes("store", "web", "web", "web");
        assertThat(CHANNELS.modalValue(codes, 2)).isEqualTo("store");
    }

    @Test
    void twoValuesWithOneHashAreRefusedNotMerged() {
        Map<String, Long> colliding = new HashMap<>(HASHES);
        colliding.put("phone", 11L);
        assertThatThrownBy(() -> new GroupDictionary(colliding))
                .hasMessageContaining("phone").hasMessageContaining("web").hasMessageContaining("same xxhash64");
    }

    @Test
    void aHashOutsideTheDictionaryIsAnError() {
        assertThatThrownBy(() -> CHANNELS.code(99L)).isInstanceOf(IllegalStateException.class);
    }
}
