package fazt.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Json;
import org.junit.jupiter.api.Test;

class FetchAllowListTest {
    private static FetchAllowList of(String manifest) throws Exception {
        return FetchAllowList.fromManifest(Json.MAPPER.readTree(manifest));
    }

    @Test
    void exactNamesWildcardsAndAddressesMatch() throws Exception {
        FetchAllowList list = of("{\"fetch\": {\"allow\": [\"API.example.com.\", \"*.example.org\", \"203.0.113.5\"]}}");
        assertThat(list.allows("api.example.com")).isTrue();
        assertThat(list.allows("Api.Example.Com.")).isTrue();
        assertThat(list.allows("www.example.com")).isFalse();
        assertThat(list.allows("a.b.example.org")).isTrue();
        assertThat(list.allows("example.org")).isFalse();
        assertThat(list.allows("badexample.org")).isFalse();
        assertThat(list.allows("203.0.113.5")).isTrue();
        assertThat(list.allows("203.0.113.6")).isFalse();
    }

    @Test
    void noListAllowsEveryHost() throws Exception {
        assertThat(of("{}").allows("anything.example")).isTrue();
        assertThat(of("{\"fetch\": {}}").allows("anything.example")).isTrue();
    }

    @Test
    void malformedListsAreRefusedInWords() {
        assertThatThrownBy(() -> of("{\"fetch\": true}")).hasMessageContaining("\"fetch\" must be an object");
        assertThatThrownBy(() -> of("{\"fetch\": {\"deny\": []}}")).hasMessageContaining("has no setting \"deny\"");
        assertThatThrownBy(() -> of("{\"fetch\": {\"allow\": [\"*\"]}}")).hasMessageContaining("fetch.allow[0]");
        assertThatThrownBy(() -> of("{\"fetch\": {\"allow\": [\"ok.example\", \"a.example:8080\"]}}")).hasMessageContaining("fetch.allow[1]");
        assertThatThrownBy(() -> of("{\"fetch\": {\"allow\": [\"*.*.example\"]}}")).hasMessageContaining("fetch.allow[0]");
        assertThatThrownBy(() -> of("{\"fetch\": {\"allow\": [3]}}")).hasMessageContaining("fetch.allow[0]");
    }

    @Test
    void theOwnersListAndTheManifestsMustBothAllowAHost() throws Exception {
        FetchAllowList manifest = of("{\"fetch\": {\"allow\": [\"*.example.com\"]}}");
        FetchAllowList owner = FetchAllowList.fromOwnerSetting(" api.example.com, 203.0.113.5 ,");
        FetchAllowList both = manifest.and(owner);
        assertThat(both.refusedBy("api.example.com")).isNull();
        assertThat(both.refusedBy("www.example.com")).isEqualTo("the owner's FAZT_FETCH_ALLOW");
        assertThat(both.refusedBy("203.0.113.5")).isEqualTo("manifest.json fetch.allow");
        assertThat(FetchAllowList.ANY.and(owner).refusedBy("www.example.com")).isEqualTo("the owner's FAZT_FETCH_ALLOW");
        assertThat(manifest.and(FetchAllowList.fromOwnerSetting("")).refusedBy("www.example.com")).isNull();
        assertThatThrownBy(() -> FetchAllowList.fromOwnerSetting("api.example.com, http://x/"))
                .hasMessage("FAZT_FETCH_ALLOW: each item must be a host name like \"api.example.com\", \"*.example.com\" or an IP address "
                        + "(no scheme, port or path), not 'http://x/'");
    }
}
