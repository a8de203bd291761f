package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.peers.AdminEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API client of app-core ({@code AdminApiClient}, behind every {@code RemoteNode}) only
 * builds requests from {@link AdminEndpoint}: each of them must be a route of the server's routing
 * table, with the same method, or a peer or the CLI would get a 404 or 405 at run time.
 */
class AdminApiContractTest {
    @Test
    void everyEndpointTheClientCallsIsARouteWithThatMethod(@TempDir Path dir) {
        try (Fazt fazt = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of())) {
            List<Route> routes = new AdminApi(fazt, null, () -> null).routes();
            for (AdminEndpoint endpoint : AdminEndpoint.values()) {
                String path = endpoint.at(samples(endpoint)).path();
                boolean served = routes.stream().anyMatch(route -> route.method().equals(endpoint.method())
                        && shape(route.pattern()).equals(shape(endpoint.template())) && route.match(path) != null);
                assertThat(served).as("the client calls %s %s (%s), which the AdminApi routing table lacks", endpoint.method(),
                        endpoint.template(), endpoint).isTrue();
            }
        }
    }

    /** One sample value per path parameter, with characters the client must encode. */
    private static String[] samples(AdminEndpoint endpoint) {
        int params = (int) endpoint.template().chars().filter(c -> c == '{').count();
        String[] values = new String[params];
        for (int i = 0; i < params; i++) values[i] = "sample " + i;
        return values;
    }

    /** The pattern with its parameter names left out: {@code /api/apps/{app}} and {@code /api/apps/{id}} are one route. */
    private static String shape(String pattern) {
        return pattern.replaceAll("\\{[^}/]+}", "{}");
    }
}
