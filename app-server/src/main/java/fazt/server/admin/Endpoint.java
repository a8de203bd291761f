package fazt.server.admin;

/** An admin API handler: returns what goes in {@code {"data": …}}, or throws a FaztException. */
@FunctionalInterface
public interface Endpoint {
    Object handle(ApiCall call);
}
