package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private static Command parse(String line) throws CommandSyntaxException {
        return CommandParser.parseLine(line).orElseThrow();
    }

    @Test
    void parsesEachCommand() throws Exception {
        assertThat(parse("get k")).isEqualTo(new Command.Get("k"));
        assertThat(parse("put k \"a b\"")).isEqualTo(new Command.Put("k", "a b"));
        assertThat(parse("delete k")).isEqualTo(new Command.Delete("k"));
        assertThat(parse("status")).isEqualTo(new Command.Status(Optional.empty()));
        assertThat(parse("status 127.0.0.1:3333")).isEqualTo(new Command.Status(Optional.of(new Target(Optional.of("127.0.0.1"), 3333))));
        assertThat(parse("connect localhost:2222")).isEqualTo(new Command.Connect(new Target(Optional.of("localhost"), 2222)));
        assertThat(parse("connect 2222")).isEqualTo(new Command.Connect(new Target(Optional.empty(), 2222)));
        assertThat(parse("help")).isEqualTo(new Command.Help());
        assertThat(parse("quit")).isEqualTo(new Command.Quit());
        assertThat(parse("exit")).isEqualTo(new Command.Quit());
    }

    @Test
    void commandNamesIgnoreCaseButKeysAndValuesDoNot() throws Exception {
        assertThat(parse("PUT Key Value")).isEqualTo(new Command.Put("Key", "Value"));
    }

    @Test
    void blankLinesAndCommentsAreNoCommand() throws Exception {
        assertThat(CommandParser.parseLine("   ")).isEmpty();
        assertThat(CommandParser.parseLine("  # a note")).isEmpty();
    }

    @Test
    void unknownCommandListsTheCommands() {
        assertThatThrownBy(() -> parse("gett k"))
                .hasMessage("unknown command 'gett'; the commands are get, put, delete, status, connect, help, quit");
    }

    @Test
    void aMissingArgumentNamesItAndTheUsage() {
        assertThatThrownBy(() -> parse("get")).hasMessage("get: missing KEY (usage: get KEY)");
        assertThatThrownBy(() -> parse("put k")).hasMessage("put: missing VALUE (usage: put KEY VALUE)");
        assertThatThrownBy(() -> parse("connect")).hasMessage("connect: missing HOST:PORT (usage: connect HOST:PORT)");
    }

    @Test
    void anUnquotedValueWithSpacesIsTooManyArgumentsWithAHintToQuote() {
        assertThatThrownBy(() -> parse("put greeting hello world"))
                .hasMessage("put: too many arguments (usage: put KEY VALUE; quote a value that has spaces: put KEY \"a b\")");
    }

    @Test
    void anEmptyKeyIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> parse("get \"\"")).hasMessage("get: the key is empty (usage: get KEY)");
    }

    @Test
    void aBadReplicaAddressSaysWhatIsExpected() {
        assertThatThrownBy(() -> parse("connect nowhere")).hasMessage("expected HOST:PORT or PORT, got 'nowhere'");
        assertThatThrownBy(() -> parse("connect host:99999")).hasMessage("expected HOST:PORT or PORT, got 'host:99999'");
    }

    @Test
    void wordsFromTheCommandLineAreTakenAsTheyAre() throws Exception {
        assertThat(CommandParser.parseWords(List.of("put", "k", "-1"))).isEqualTo(new Command.Put("k", "-1"));
        assertThat(CommandParser.parseWords(List.of("put", "k", "a \"b\""))).isEqualTo(new Command.Put("k", "a \"b\""));
    }
}
