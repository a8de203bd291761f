package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.identity.Scope;
import fazt.server.IncomingRequests;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/** One admin API request as an endpoint sees it: path parameters, query, and a bounded body. */
public final class ApiCall {
    static final long JSON_BODY_LIMIT = 1024 * 1024;

    private final Request request;
    private final Response response;
    private final Map<String, String> params;
    private Fields query;
    private Scope scope;

    ApiCall(Request request, Response response, Map<String, String> params) {
        this.request = request;
        this.response = response;
        this.params = params;
    }

    public Request request() {
        return request;
    }

    /** The caller's scope, as the routing table found it; null on an open route. */
    public Scope scope() {
        return scope;
    }

    void scope(Scope scope) {
        this.scope = scope;
    }

    /** For endpoints that set headers or cookies; the body is written by the routing table. */
    public Response response() {
        return response;
    }

    /** A {@code {name}} segment of the route. */
    public String param(String name) {
        return params.get(name);
    }

    public String query(String name) {
        if (query == null) query = Request.extractQueryParameters(request);
        return query.getValue(name);
    }

    public String contentType() {
        String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return ct == null ? "" : ct;
    }

    public byte[] body(long limit) {
        return IncomingRequests.readBody(request, limit);
    }

    /** The body as JSON (an empty object when there is none); 400 when it is not JSON. */
    public JsonNode json() {
        return json(JSON_BODY_LIMIT);
    }

    /** {@link #json()} for a body of up to {@code limit} bytes, for routes that carry stored data. */
    public JsonNode json(long limit) {
        byte[] body = body(limit);
        if (body.length == 0) return JsonNodeFactory.instance.objectNode();
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) throw FaztException.invalid("the body must be a JSON object");
            return node;
        } catch (IOException e) {
            throw FaztException.invalid("the body is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
    }

    /** A whole number given as text (a query parameter, a header) named {@code name} in the error; null when absent or blank. */
    public static Long wholeNumber(String value, String name) {
        if (value == null || value.isBlank()) return null;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw FaztException.invalid(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** A text field of the JSON body, or null. */
    public static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
