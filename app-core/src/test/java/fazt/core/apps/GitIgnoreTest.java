package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitIgnoreTest {
    /** rules (lines joined by {@code ;}), path, whether it is a folder, whether it is ignored. */
    @ParameterizedTest(name = "[{0}] {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            *.tmp                     | notes.tmp            | false | true
            *.tmp                     | deep/in/notes.tmp    | false | true
            *.tmp                     | notes.tmpx           | false | false
            x;# comment               | # comment            | false | false
            \\#hash                    | #hash                | false | true
            build                     | build                | true  | true
            build                     | src/build            | true  | true
            build                     | src/build/out.js     | false | true
            build/                    | build                | false | false
            build/                    | build/out.js         | false | true
            build/                    | src/build/out.js     | false | true
            /build                    | build/out.js         | false | true
            /build                    | src/build/out.js     | false | false
            docs/*.md                 | docs/a.md            | false | true
            docs/*.md                 | docs/sub/a.md        | false | false
            docs/*.md                 | x/docs/a.md          | false | false
            a?c                       | abc                  | false | true
            a?c                       | a/c                  | false | false
            [ab]x                     | bx                   | false | true
            [ab]x                     | cx                   | false | false
            [!ab]x                    | cx                   | false | true
            **/logs                   | logs                 | true  | true
            **/logs                   | a/b/logs             | true  | true
            **/logs/debug             | x/logs/debug         | false | true
            logs/**                   | logs/a/b.txt         | false | true
            logs/**                   | logs                 | true  | false
            a/**/b                    | a/b                  | false | true
            a/**/b                    | a/x/y/b              | false | true
            a/**/b                    | a/xb                 | false | false
            *.tmp;!keep.tmp           | keep.tmp             | false | false
            *.tmp;!keep.tmp           | drop.tmp             | false | true
            !keep.tmp;*.tmp           | keep.tmp             | false | true
            secret/;!secret/ok.txt    | secret/ok.txt        | false | true
            secret/*;!secret/ok.txt   | secret/ok.txt        | false | false
            secret/*;!secret/ok.txt   | secret/no.txt        | false | true
            'trailing  '              | trailing             | false | true
            env                       | environment          | false | false
            """)
    void matchesAsGitDoes(String rules, String path, boolean dir, boolean ignored) {
        GitIgnore ignore = GitIgnore.parse(rules.replace(";", "\n"));
        assertThat(ignore.ignores(path, dir)).isEqualTo(ignored);
    }
}
