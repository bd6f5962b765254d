package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLimitsTest {
    private final RequestLimits limits = RequestLimits.DEFAULT;

    @Test
    void defaultsAreOneKibibyteKeysAndOneMebibyteValues() {
        assertThat(RequestLimits.DEFAULT.maxKeyBytes()).isEqualTo(1024);
        assertThat(RequestLimits.DEFAULT.maxValueBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void refusesANullKey() {
        assertThatThrownBy(() -> limits.checkKey(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key is null");
    }

    @Test
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> limits.checkKey(""))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key is empty");
    }

    @Test
    void acceptsAKeyOfExactlyTheLimit() {
        assertThatCode(() -> limits.checkKey("k".repeat(1024))).doesNotThrowAnyException();
    }

    @Test
    void refusesAKeyOneByteOverTheLimit() {
        assertThatThrownBy(() -> limits.checkKey("k".repeat(1025)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key is 1025 bytes")
                .hasMessageContaining("limit is 1024");
    }

    @Test
    void countsTwoByteCharactersAsTwoBytes() {
        assertThatCode(() -> limits.checkKey("é".repeat(512))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkKey("é".repeat(513)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key is 1026 bytes");
    }

    @Test
    void countsThreeAndFourByteCharactersCorrectly() {
        assertThat(RequestLimits.utf8Length("a")).isEqualTo(1);
        assertThat(RequestLimits.utf8Length("é")).isEqualTo(2);
        assertThat(RequestLimits.utf8Length("€")).isEqualTo(3);
        assertThat(RequestLimits.utf8Length("\uD83D\uDE00")).isEqualTo(4); // one emoji, a surrogate pair
        assertThat(RequestLimits.utf8Length("a€\uD83D\uDE00é")).isEqualTo(10);
        assertThatCode(() -> limits.checkKey("\uD83D\uDE00".repeat(256))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkKey("\uD83D\uDE00".repeat(256) + "x"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1025 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uD800", "\uD800a", "\uDC00", "a\uDC00b", "\uDC00\uD800"})
    void refusesAKeyWithALoneSurrogate(String key) {
        assertThatThrownBy(() -> limits.checkKey(key))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key")
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void refusesANullValue() {
        assertThatThrownBy(() -> limits.checkValue(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("value is null");
    }

    @Test
    void acceptsAnEmptyValue() {
        assertThatCode(() -> limits.checkValue("")).doesNotThrowAnyException();
    }

    @Test
    void refusesAValueOverTheLimit() {
        assertThatCode(() -> limits.checkValue("v".repeat(1024 * 1024))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkValue("v".repeat(1024 * 1024 + 1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("value is 1048577 bytes")
                .hasMessageContaining("limit is 1048576");
    }

    @Test
    void refusesAValueWithALoneSurrogate() {
        assertThatThrownBy(() -> limits.checkValue("ok\uDBFF"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("value")
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void limitsAreConfigurable() {
        RequestLimits small = new RequestLimits(4, 6);

        assertThatCode(() -> small.checkKey("abcd")).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkKey("abcde"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("limit is 4");
        assertThatThrownBy(() -> small.checkKey("ééé"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key is 6 bytes");
        assertThatCode(() -> small.checkValue("ééé")).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkValue("abcdefg"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("limit is 6");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RequestLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
