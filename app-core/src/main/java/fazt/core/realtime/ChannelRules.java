package fazt.core.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.identity.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may subscribe to which channels, from the app's {@code manifest.json}:
 * <pre>{@code "realtime": {"channels": [
 *     {"prefix": "room-", "signedIn": true},
 *     {"prefix": "staff-", "roles": ["admin"]}]}}</pre>
 * A channel is open to every connection unless a rule's prefix starts it; then every such rule
 * must be met: {@code signedIn} asks for a signed-in user, {@code roles} for one of those roles
 * (and so a sign-in too). The owner meets every rule, as for private files.
 */
public final class ChannelRules {
    public static final ChannelRules OPEN = new ChannelRules(List.of());

    /** Every rule asks for a sign-in; {@code roles}, when not empty, also for one of them. */
    private record Rule(String prefix, List<String> roles) {}

    private final List<Rule> rules;

    private ChannelRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** The rules of a manifest; throws INVALID naming the problem when they are malformed (checked at deploy). */
    public static ChannelRules of(JsonNode manifest) {
        JsonNode realtime = manifest == null ? null : manifest.get("realtime");
        if (realtime == null || realtime.isNull()) return OPEN;
        if (!realtime.isObject()) throw bad("\"realtime\" must be an object like {\"channels\": [...]}");
        JsonNode channels = realtime.get("channels");
        if (channels == null || channels.isNull()) return OPEN;
        if (!channels.isArray()) throw bad("\"realtime.channels\" must be a list of rules like {\"prefix\": \"room-\", \"signedIn\": true}");
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : channels) {
            if (!r.isObject()) throw bad("each rule in \"realtime.channels\" must be an object, not " + r);
            JsonNode prefix = r.get("prefix");
            if (prefix == null || !prefix.isTextual() || prefix.asText().isEmpty()) {
                throw bad("each rule in \"realtime.channels\" needs a \"prefix\" (a non-empty string): " + r);
            }
            JsonNode signedIn = r.get("signedIn");
            if (signedIn != null && !signedIn.isBoolean()) throw bad("\"signedIn\" must be true or false in " + r);
            JsonNode roles = r.get("roles");
            List<String> names = new ArrayList<>();
            if (roles != null) {
                if (!roles.isArray()) throw bad("\"roles\" must be a list of role names in " + r);
                for (JsonNode role : roles) {
                    if (!role.isTextual() || role.asText().isBlank()) throw bad("\"roles\" must be a list of role names in " + r);
                    names.add(role.asText());
                }
            }
            if ((signedIn == null || !signedIn.asBoolean()) && names.isEmpty()) {
                throw bad("the rule for prefix '" + prefix.asText() + "' asks for nothing; give \"signedIn\": true or \"roles\"");
            }
            rules.add(new Rule(prefix.asText(), List.copyOf(names)));
        }
        return new ChannelRules(List.copyOf(rules));
    }

    /** Why {@code user} (null: nobody signed in) may not subscribe to {@code channel}, or empty when it may. */
    public Optional<String> refusal(String channel, Users.User user) {
        for (Rule r : rules) {
            if (!channel.startsWith(r.prefix())) continue;
            if (user == null) return Optional.of("channel '" + channel + "' needs a signed-in user");
            if ("owner".equals(user.role()) || r.roles().isEmpty() || r.roles().contains(user.role())) continue;
            return Optional.of("channel '" + channel + "' needs the role " + String.join(" or ", r.roles())
                    + "; yours is " + user.role());
        }
        return Optional.empty();
    }

    private static FaztException bad(String message) {
        return new FaztException(FaztException.Kind.INVALID, "INVALID_BUNDLE", "manifest.json: " + message);
    }
}
