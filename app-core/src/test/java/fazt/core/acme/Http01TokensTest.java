package fazt.core.acme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Http01TokensTest {
    @Test
    void answersATokenOnlyWhileItIsWaiting() {
        Http01Tokens tokens = new Http01Tokens();
        tokens.put("abc", "abc.thumbprint");

        assertThat(tokens.answer("abc")).contains("abc.thumbprint");
        assertThat(tokens.answerForPath("/.well-known/acme-challenge/abc")).contains("abc.thumbprint");
        assertThat(tokens.pending()).isEqualTo(1);

        tokens.remove("abc");
        assertThat(tokens.answer("abc")).isEmpty();
        assertThat(tokens.pending()).isZero();
    }

    @Test
    void otherPathsAndUnknownTokensHaveNoAnswer() {
        Http01Tokens tokens = new Http01Tokens();
        tokens.put("abc", "abc.thumbprint");

        assertThat(tokens.answerForPath("/abc")).isEmpty();
        assertThat(tokens.answerForPath("/.well-known/acme-challenge/")).isEmpty();
        assertThat(tokens.answerForPath("/.well-known/acme-challenge/other")).isEmpty();
        assertThat(tokens.answerForPath(null)).isEmpty();
        assertThat(tokens.answer(null)).isEmpty();
    }
}
