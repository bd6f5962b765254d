package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static List<String> words(String line) throws CommandSyntaxException {
        return Tokenizer.tokenize(line).stream().map(Token::text).toList();
    }

    @Test
    void whitespaceSeparatesWords() throws Exception {
        assertThat(words("  put   k \t v  ")).containsExactly("put", "k", "v");
    }

    @Test
    void doubleQuotesKeepSpacesAndUnderstandEscapes() throws Exception {
        assertThat(words("put greeting \"hello world\"")).containsExactly("put", "greeting", "hello world");
        assertThat(words("put q \"say \\\"hi\\\" \\\\ now\"")).containsExactly("put", "q", "say \"hi\" \\ now");
        assertThat(words("put nl \"a\\nb\\tc\"")).containsExactly("put", "nl", "a\nb\tc");
    }

    @Test
    void singleQuotesKeepEverythingAsTyped() throws Exception {
        assertThat(words("put k 'a \"b\" \\n'")).containsExactly("put", "k", "a \"b\" \\n");
    }

    @Test
    void quotedAndBarePartsNextToEachOtherFormOneWord() throws Exception {
        assertThat(words("put k pre\"fix suf\"fix")).containsExactly("put", "k", "prefix suffix");
    }

    @Test
    void anEmptyQuotedStringIsAWord() throws Exception {
        assertThat(words("put k \"\"")).containsExactly("put", "k", "");
    }

    @Test
    void unicodeIsKeptWholeIncludingCharactersOutsideTheBasicPlane() throws Exception {
        assertThat(words("put 鍵 \"värde 🚀 ok\"")).containsExactly("put", "鍵", "värde 🚀 ok");
        assertThat(words("put k a\u00a0b")).as("a no-break space is part of the word").containsExactly("put", "k", "a\u00a0b");
    }

    @Test
    void marksQuotedWordsSoKeywordsCanBeTakenLiterally() throws Exception {
        assertThat(Tokenizer.tokenize("== \"==\"")).containsExactly(new Token("==", false), new Token("==", true));
    }

    @Test
    void anUnterminatedQuoteIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> Tokenizer.tokenize("put k \"oops"))
                .isInstanceOf(CommandSyntaxException.class)
                .hasMessage("unterminated \" quote (starting at column 7)");
        assertThatThrownBy(() -> Tokenizer.tokenize("put k 'oops")).hasMessageStartingWith("unterminated ' quote");
    }
}
