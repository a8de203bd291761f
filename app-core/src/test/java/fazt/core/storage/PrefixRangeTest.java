package fazt.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixRangeTest {
    @Test
    void upperBoundRaisesTheLastCodePoint() {
        assertThat(PrefixRange.upperBound("ab")).contains("ac");
        assertThat(PrefixRange.upperBound("a%")).contains("a&");
        assertThat(PrefixRange.upperBound("a_")).contains("a`");
    }

    @Test
    void upperBoundHandlesCodePointsOutsideTheBasicPlane() {
        assertThat(PrefixRange.upperBound("x😀")).contains("x😁");
        assertThat(PrefixRange.upperBound("x\uD7FF")).contains("x\uE000");
        String max = Character.toString(Character.MAX_CODE_POINT);
        assertThat(PrefixRange.upperBound("a" + max)).contains("b");
        assertThat(PrefixRange.upperBound(max + max)).isEmpty();
        assertThat(PrefixRange.upperBound("")).isEmpty();
    }

    @Test
    void appendsOnlyBoundParameters() {
        BoundSql sql = new BoundSql().add("x = 1");
        PrefixRange.append(sql, "key", "a'; DROP TABLE kv; --");
        assertThat(sql.text()).isEqualTo("x = 1 AND key >= ? AND key < ?");
        assertThat(sql.params()).containsExactly("a'; DROP TABLE kv; --", "a'; DROP TABLE kv; -.");
        BoundSql none = new BoundSql().add("x = 1");
        PrefixRange.append(none, "key", null);
        assertThat(none.text()).isEqualTo("x = 1");
    }
}
