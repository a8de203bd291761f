package fazt.core.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.identity.Users;
import org.junit.jupiter.api.Test;

/** The manifest's {@code "realtime"} rules: what they let in, and the words a bad one is refused with at deploy. */
class ChannelRulesTest {
    static ChannelRules rules(String manifest) throws Exception {
        return ChannelRules.of(Json.MAPPER.readTree(manifest));
    }

    static Users.User user(String role) {
        return new Users.User("usr_1", "a@example.com", "A", null, role, "dev", 0, null);
    }

    @Test
    void channelsAreOpenUnlessARulesPrefixStartsThem() throws Exception {
        ChannelRules r = rules("""
                {"realtime": {"channels": [{"prefix": "members-", "signedIn": true}, {"prefix": "members-staff-", "roles": ["admin", "editor"]}]}}""");
        assertThat(r.refusal("lobby", null)).isEmpty();
        assertThat(r.refusal("members-1", null)).hasValue("channel 'members-1' needs a signed-in user");
        assertThat(r.refusal("members-1", user("user"))).isEmpty();
        assertThat(r.refusal("members-staff-1", user("user"))).hasValue("channel 'members-staff-1' needs the role admin or editor; yours is user");
        assertThat(r.refusal("members-staff-1", user("editor"))).isEmpty();
        assertThat(r.refusal("members-staff-1", Users.owner("me"))).isEmpty();
        assertThat(rules("{}").refusal("anything", null)).isEmpty();
        assertThat(rules("{\"realtime\": {}}").refusal("anything", null)).isEmpty();
    }

    @Test
    void aMalformedRuleIsRefusedInWords() {
        String[][] cases = {
            {"{\"realtime\": []}", "\"realtime\" must be an object"},
            {"{\"realtime\": {\"channels\": {}}}", "\"realtime.channels\" must be a list"},
            {"{\"realtime\": {\"channels\": [\"room-\"]}}", "must be an object, not \"room-\""},
            {"{\"realtime\": {\"channels\": [{\"signedIn\": true}]}}", "needs a \"prefix\""},
            {"{\"realtime\": {\"channels\": [{\"prefix\": \"\", \"signedIn\": true}]}}", "needs a \"prefix\""},
            {"{\"realtime\": {\"channels\": [{\"prefix\": \"a\", \"signedIn\": \"yes\"}]}}", "\"signedIn\" must be true or false"},
            {"{\"realtime\": {\"channels\": [{\"prefix\": \"a\", \"roles\": \"admin\"}]}}", "\"roles\" must be a list of role names"},
            {"{\"realtime\": {\"channels\": [{\"prefix\": \"a\", \"roles\": [1]}]}}", "\"roles\" must be a list of role names"},
            {"{\"realtime\": {\"channels\": [{\"prefix\": \"a\", \"signedIn\": false}]}}", "asks for nothing"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> rules(c[0])).as(c[0]).isInstanceOf(FaztException.class)
                    .hasMessageStartingWith("manifest.json: ").hasMessageContaining(c[1]);
        }
    }
}
