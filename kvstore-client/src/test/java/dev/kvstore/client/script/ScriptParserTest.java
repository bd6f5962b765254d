package dev.kvstore.client.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.Command;
import dev.kvstore.client.shell.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    private static final ReplicaId R1 = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId R2 = new ReplicaId("127.0.0.1", 2222);

    private static Script parse(String text) throws ScriptSyntaxException {
        return parse(text, Map.of());
    }

    private static Script parse(String text, Map<String, String> vars) throws ScriptSyntaxException {
        return new ScriptParser(vars).parse("test.kvs", text.lines().toList());
    }

    private static List<ScriptError> errors(String text) {
        try {
            parse(text);
        } catch (ScriptSyntaxException e) {
            return e.errors();
        }
        throw new AssertionError("expected the script to be refused:\n" + text);
    }

    @Test
    void parsesClientsCommandsExpectationsAndTimings() throws Exception {
        Script script = parse("""
                # a comment
                client c1 127.0.0.1:1111 127.0.0.1:2222
                c1: put greeting "hello world"
                c1: expect within 10s get greeting == "hello world"
                sleep 500ms
                at 45s
                echo the end
                get k
                """);

        assertThat(script.steps()).containsExactly(
                new Step.DeclareClient(2, "client c1 127.0.0.1:1111 127.0.0.1:2222", "c1", List.of(R1, R2)),
                new Step.Run(3, "put greeting \"hello world\"", "c1", new Command.Put("greeting", "hello world")),
                new Step.Expect(4, "expect within 10s get greeting == \"hello world\"", "c1", new Command.Get("greeting"),
                        new Expected.Value("hello world"), Optional.of(Duration.ofSeconds(10))),
                new Step.Sleep(5, "sleep 500ms", Optional.empty(), Duration.ofMillis(500)),
                new Step.At(6, "at 45s", Optional.empty(), Duration.ofSeconds(45)),
                new Step.Echo(7, "the end"),
                new Step.Run(8, "get k", ScriptParser.DEFAULT_CLIENT, new Command.Get("k")));
        assertThat(script.clientNames()).containsExactly("c1");
    }

    @Test
    void aParallelBlockGathersItsLinesAndEndsAtEnd() throws Exception {
        Script script = parse("""
                client c1 127.0.0.1:1111
                client c2 127.0.0.1:2222
                parallel
                c1: put a 1
                c2: sleep 1s
                c2: at 2s
                end
                """);

        assertThat(script.steps()).hasSize(3);
        Step.Parallel block = (Step.Parallel) script.steps().get(2);
        assertThat(block.line()).isEqualTo(3);
        assertThat(block.steps()).extracting(Step::line).containsExactly(4, 5, 6);
        assertThat(block.steps().get(1)).isEqualTo(new Step.Sleep(5, "sleep 1s", Optional.of("c2"), Duration.ofSeconds(1)));
    }

    @Test
    void variablesAreSubstitutedAndTheCommandLineWinsOverSet() throws Exception {
        Script script = parse("""
                set FAULT_AT 45s
                set WAIT 15s
                at ${FAULT_AT}+${WAIT}
                """, Map.of("FAULT_AT", "5s"));

        assertThat(script.steps()).containsExactly(new Step.At(3, "at 5s+15s", Optional.empty(), Duration.ofSeconds(20)));
    }

    @Test
    void trailingCommentsAreDroppedButAHashInsideQuotesOrAWordIsKept() throws Exception {
        Script script = parse("""
                set WAIT 15s   # slack
                put tag "#1 # not a comment"  # a comment
                put a#b c
                """);

        assertThat(script.steps()).extracting(s -> ((Step.Run) s).command()).containsExactly(
                new Command.Put("tag", "#1 # not a comment"), new Command.Put("a#b", "c"));
    }

    @Test
    void expectationsReadKeywordsBareAndValuesQuoted() throws Exception {
        Script script = parse("""
                expect get k == (not found)
                expect get k == UNAVAILABLE
                expect get k == "UNAVAILABLE"
                expect get k == OK
                expect put k v == OK
                expect delete k == (not found)
                expect status == catching_up
                expect status 3333 == DOWN
                expect put k v == ABORTED
                """);

        assertThat(script.steps()).extracting(s -> ((Step.Expect) s).expected()).containsExactly(
                new Expected.NotFound(),
                new Expected.Failure(ErrorKind.UNAVAILABLE),
                new Expected.Value("UNAVAILABLE"),
                new Expected.Value("OK"),
                new Expected.Ok(),
                new Expected.NotFound(),
                new Expected.State(ReplicaState.CATCHING_UP),
                new Expected.State(ReplicaState.DOWN),
                new Expected.Failure(ErrorKind.ABORTED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gett k                          | unknown command 'gett'; the commands are get, put, delete, status, connect, help, quit
            get                             | get: missing KEY (usage: get KEY)
            put k                           | put: missing VALUE (usage: put KEY VALUE)
            sleep 5x                        | '5x' is not a duration: use a number and a unit (ms, s, m or h), e.g. 500ms, 45s, 1.5s, 2m, 45s+20s
            sleep -5s                       | '-5s' is not a duration
            sleep                           | sleep needs one duration, e.g. sleep 2s
            at soon                         | 'soon' is not a duration
            expect within get k == v        | 'get' is not a duration
            at ${LATER}                     | undefined variable ${LATER}; define it with 'set LATER VALUE' or --var LATER=VALUE
            c9: get k                       | unknown client 'c9'; declare it first: client c9 HOST:PORT
            client c1                       | client needs a NAME and a replica: client NAME HOST:PORT [HOST:PORT...]
            client c1 nowhere               | client c1: expected HOST:PORT, got 'nowhere'
            client default 127.0.0.1:1      | 'default' is the client of --host and --port; pick another name
            expect get k                    | expect needs '== RESULT', e.g. expect get k == v
            expect == v                     | expect needs a command before '==', e.g. expect get k == v
            expect get k ==                 | nothing after '=='; expect e.g. OK, (not found), UNAVAILABLE or a value
            expect get k == hello world     | expected one value after '=='; quote a value that has spaces: == "a b"
            expect put k v == yes           | unknown result 'yes' for put; put results are OK, ABORTED, UNAVAILABLE or INVALID
            expect put k v == (not found)   | put is never (not found); put results are OK, ABORTED, UNAVAILABLE or INVALID
            expect status == GREEN          | unknown result 'GREEN' for status; status results are UP, DOWN, CATCHING_UP, STARTING, UNAVAILABLE or INVALID
            quit                            | 'quit' is for the shell; a script ends after its last line
            end                             | 'end' without 'parallel'
            put k "open                     | unterminated " quote (starting at column 7)
            set 9LIVES 1                    | bad variable name '9LIVES': use letters, digits and _
            """)
    void aBadLineIsReportedWithItsNumberAndWhatIsWrong(String line, String message) {
        List<ScriptError> errors = errors("# line 1\n" + line.strip() + "\n");

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).line()).isEqualTo(2);
        assertThat(errors.get(0).message()).startsWith(message.strip());
    }

    @Test
    void everyBadLineIsReportedAtOnceAndTheMessageNamesScriptAndLine() {
        assertThatThrownBy(() -> parse("get k\ngett k\nsleep 5x\nput k\n"))
                .isInstanceOfSatisfying(ScriptSyntaxException.class, e -> assertThat(e.errors()).extracting(ScriptError::line).containsExactly(2, 3, 4))
                .hasMessageContaining("test.kvs:2: unknown command 'gett'")
                .hasMessageContaining("test.kvs:3: '5x' is not a duration")
                .hasMessageContaining("test.kvs:4: put: missing VALUE");
    }

    @Test
    void parallelBlocksMustCloseMustNotNestAndNameAClientOnEachLine() {
        assertThat(errors("client c1 127.0.0.1:1\nparallel\nc1: get k\n")).containsExactly(new ScriptError(2, "'parallel' has no 'end'"));
        assertThat(errors("parallel\nparallel\nend\n")).extracting(ScriptError::line).contains(2);
        assertThat(errors("parallel\nget k\nend\n")).extracting(ScriptError::message)
                .contains("inside 'parallel' each line names its client, e.g. 'c1: get k'");
        assertThat(errors("parallel\nend\n")).containsExactly(new ScriptError(2, "the parallel block from line 1 is empty"));
        assertThat(errors("parallel\nclient c1 127.0.0.1:1\nend\n")).extracting(ScriptError::message)
                .contains("declare clients before 'parallel', not inside it");
    }

    @Test
    void aClientIsDeclaredOnce() {
        assertThat(errors("client c1 127.0.0.1:1\nclient c1 127.0.0.1:2\n"))
                .containsExactly(new ScriptError(2, "client 'c1' is already declared on line 1"));
    }
}
