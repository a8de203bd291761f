package fazt.core.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.apps.Bundle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code schedules} of manifest.json as a deploy reads them: good ones kept, bad ones refused with a message. */
class ScheduleManifestTest {
    private static Bundle bundle(String manifest) {
        return Bundle.of(Map.of("index.html", new byte[] {'x'}, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGoodListIsReadWithItsDefaults() {
        var jobs = ScheduleManifest.read(bundle("{\"schedules\": [{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"},"
                + " {\"cron\": \"@daily\", \"path\": \"/api/clean-up\", \"tz\": \"Europe/Paris\", \"catchUp\": false}]}").manifest());
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).zone().getId()).isEqualTo("UTC");
        assertThat(jobs.get(0).catchUp()).isTrue();
        assertThat(jobs.get(1).zone().getId()).isEqualTo("Europe/Paris");
        assertThat(jobs.get(1).catchUp()).isFalse();
        assertThat(ScheduleManifest.read(bundle("{\"name\": \"x\"}").manifest())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"schedules": {"cron": "* * * * *"}}                              | "schedules" must be a list
            {"schedules": ["* * * * *"]}                                        | schedules[0] must be an object
            {"schedules": [{"path": "/api/x"}]}                                 | schedules[0]: "cron" is missing
            {"schedules": [{"cron": "* * * * *"}]}                              | schedules[0]: "path" is missing
            {"schedules": [{"cron": "61 * * * *", "path": "/api/x"}]}           | schedules[0]: the minute field '61' is out of range: it takes 0 to 59
            {"schedules": [{"cron": "0 0 30 2 *", "path": "/api/x"}]}           | schedules[0]: '0 0 30 2 *' never fires
            {"schedules": [{"cron": "@hourly", "path": "/admin"}]}              | schedules[0]: the path '/admin' must be a function path under /api/
            {"schedules": [{"cron": "@hourly", "path": "/api"}]}                | the path '/api' must be a function path under /api/
            {"schedules": [{"cron": "@hourly", "path": "/api/../admin"}]}       | the path '/api/../admin' must be a function path under /api/
            {"schedules": [{"cron": "@hourly", "path": "/api/x?y=1"}]}          | the path '/api/x?y=1' must be a function path under /api/
            {"schedules": [{"cron": "@hourly", "path": "/api/x", "tz": "Mars/Olympus"}]} | schedules[0]: 'Mars/Olympus' is not a time zone
            {"schedules": [{"cron": "@hourly", "path": "/api/x", "catchUp": "no"}]} | schedules[0]: "catchUp" must be true or false
            {"schedules": [{"cron": "@hourly", "path": "/api/x", "catchup": true}]} | schedules[0] has an unknown field "catchup"
            {"schedules": [{"cron": "@hourly", "path": "/api/x"}, {"cron": "@daily", "path": "/api/x"}]} | schedules[1]: two jobs call /api/x
            """)
    void aBadJobIsRefusedAtDeployNamingIt(String manifest, String message) {
        assertThatThrownBy(() -> bundle(manifest)).isInstanceOf(FaztException.class)
                .hasMessageStartingWith("manifest.json: ").hasMessageContaining(message)
                .satisfies(e -> assertThat(((FaztException) e).code()).isEqualTo("INVALID_BUNDLE"));
    }

    @Test
    void moreJobsThanTheCapAreRefused() {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i <= ScheduleManifest.MAX_JOBS; i++) list.append(i == 0 ? "" : ",").append("{\"cron\": \"@hourly\", \"path\": \"/api/j").append(i).append("\"}");
        assertThatThrownBy(() -> bundle("{\"schedules\": " + list + "]}")).isInstanceOf(FaztException.class)
                .hasMessage("manifest.json: \"schedules\" has 21 jobs; an app may have at most 20");
    }
}
