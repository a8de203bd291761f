package fazt.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The changes of a document update (SPEC §5): {@code $set}, {@code $unset} and {@code $inc},
 * each an object of dotted field paths; a plain key means {@code $set}. Changes apply in the
 * order they are written. Parsing checks every path and argument first, so a bad update is
 * refused before any document is touched.
 *
 * <ul>
 *   <li>{@code $set} creates missing parent objects; setting through a field that holds
 *       something other than an object is an error.</li>
 *   <li>{@code $unset} removes the field; a field that is not there is no error.</li>
 *   <li>{@code $inc} adds a number; a missing field starts from 0; a field holding anything but a
 *       number (null included) is an error. Whole numbers stay whole numbers.</li>
 * </ul>
 * {@code id}, {@code _createdAt} and {@code _updatedAt} are fazt's: naming them in an operator
 * is an error, while plain keys with those names are skipped, so that a document read with
 * {@code find} can be passed back whole as the changes.
 */
final class DocUpdate {
    private enum Kind { SET, UNSET, INC }

    private record Change(Kind kind, DocField field, JsonNode value) {}

    private final List<Change> changes;

    private DocUpdate(List<Change> changes) {
        this.changes = changes;
    }

    /** The update {@code changes} describes, or an invalid-input error saying what is wrong. */
    static DocUpdate parse(ObjectNode changes) {
        if (changes == null) throw FaztException.invalid("an update needs changes, like {\"$set\": {\"done\": true}}");
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : changes.properties()) {
            String key = e.getKey();
            switch (key) {
                case "$set" -> operator(Kind.SET, key, e.getValue(), out);
                case "$unset" -> operator(Kind.UNSET, key, e.getValue(), out);
                case "$inc" -> operator(Kind.INC, key, e.getValue(), out);
                default -> {
                    if (key.startsWith("$")) {
                        throw FaztException.invalid("unknown update operator '" + key + "'; use $set, $unset or $inc");
                    }
                    if (!DocField.isSystem(key)) out.add(new Change(Kind.SET, DocField.parse(key), e.getValue()));
                }
            }
        }
        return new DocUpdate(List.copyOf(out));
    }

    private static void operator(Kind kind, String op, JsonNode fields, List<Change> out) {
        if (!fields.isObject()) {
            throw FaztException.invalid(op + " needs an object of fields, like {\"" + op + "\": {\"count\": 1}}, not "
                    + DocQuery.kind(fields));
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            DocField field = DocField.parse(e.getKey());
            if (DocField.isSystem(field.name())) {
                throw FaztException.invalid("'" + field.name() + "' is set by fazt and cannot be changed with " + op);
            }
            if (kind == Kind.INC && !e.getValue().isNumber()) {
                throw FaztException.invalid("$inc on '" + field.name() + "' needs a number, not "
                        + DocQuery.kind(e.getValue()));
            }
            out.add(new Change(kind, field, e.getValue()));
        }
    }

    /**
     * Applies the changes to {@code doc} in place. When one cannot apply it throws, and the caller
     * discards the half-changed document.
     */
    void applyTo(ObjectNode doc) {
        for (Change change : changes) {
            String leaf = change.field().segments().getLast();
            switch (change.kind()) {
                case SET -> parentFor(doc, change.field(), true).set(leaf, change.value().deepCopy());
                case UNSET -> {
                    ObjectNode parent = parentFor(doc, change.field(), false);
                    if (parent != null) parent.remove(leaf);
                }
                case INC -> {
                    ObjectNode parent = parentFor(doc, change.field(), true);
                    parent.set(leaf, add(change.field(), parent.get(leaf), change.value()));
                }
            }
        }
    }

    /**
     * The object that holds the field's last segment. With {@code create}, missing parents are
     * made; without, a missing or non-object parent gives null.
     */
    private static ObjectNode parentFor(ObjectNode doc, DocField field, boolean create) {
        List<String> path = field.segments();
        ObjectNode node = doc;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (child instanceof ObjectNode o) {
                node = o;
            } else if (!create) {
                return null;
            } else if (child == null) {
                node = node.putObject(path.get(i));
            } else {
                throw FaztException.invalid("cannot change '" + field.name() + "': '"
                        + String.join(".", path.subList(0, i + 1)) + "' holds a " + DocQuery.kind(child)
                        + ", not an object");
            }
        }
        return node;
    }

    private static JsonNode add(DocField field, JsonNode current, JsonNode by) {
        if (current == null) return by.deepCopy();
        if (!current.isNumber()) {
            throw FaztException.invalid("$inc on '" + field.name() + "' needs the field to hold a number, but it holds a "
                    + DocQuery.kind(current));
        }
        if (current.isIntegralNumber() && by.isIntegralNumber()) {
            BigInteger sum = current.bigIntegerValue().add(by.bigIntegerValue());
            return sum.bitLength() < Long.SIZE ? LongNode.valueOf(sum.longValue()) : BigIntegerNode.valueOf(sum);
        }
        return DoubleNode.valueOf(current.doubleValue() + by.doubleValue());
    }
}
