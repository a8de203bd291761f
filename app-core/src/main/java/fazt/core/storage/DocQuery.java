package fazt.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import java.util.Map;

/**
 * Compiles a document query (SPEC §5) into an SQL condition on the {@code docs} table, with every
 * value and field path as a bound parameter.
 *
 * <p>The language: {@code {field: value, ...}} with the fields ANDed; a field is a dotted path
 * ({@link DocField}); a value is either a plain JSON value (meaning {@code $eq}) or an object of
 * operators, ANDed: {@code {age: {$gte: 18, $lt: 65}}}. At the top level of any query,
 * {@code $or: [query, ...]} matches when one of its queries does.
 *
 * <p>Comparisons are type-correct, decided on the stored JSON type rather than on SQLite's loose
 * affinities:
 * <ul>
 *   <li>{@code $eq} (and a plain value): a string matches only strings, a number only numbers
 *       ({@code 1} equals {@code 1.0}, never {@code "1"} or {@code true}), a boolean only that
 *       boolean; {@code null} matches a null or a missing field; an object or array matches the
 *       same JSON exactly (key order counts).</li>
 *   <li>{@code $ne}: anything {@code $eq} would not match, missing fields included.</li>
 *   <li>{@code $gt $gte $lt $lte}: a number against numbers, a string against strings (by code
 *       point); fields of any other type never match.</li>
 *   <li>{@code $in} / {@code $nin}: an array of values, each compared as {@code $eq}.</li>
 *   <li>{@code $contains}: a string field that contains the given text (case-sensitive), or an
 *       array field with an element equal to the given value (both are tried).</li>
 *   <li>{@code $exists}: {@code true} when the field is present, even if null; {@code false} when
 *       it is absent.</li>
 * </ul>
 * A query has at most {@link #MAX_CONDITIONS} conditions, which keeps the SQL well inside
 * SQLite's limits on expression depth.
 */
final class DocQuery {
    static final int MAX_CONDITIONS = 256;
    private static final String OPERATORS = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $contains, $exists";

    private int conditions;

    private DocQuery() {}

    /** The SQL condition for {@code query}; a null or empty query matches every document. */
    static BoundSql where(JsonNode query) {
        BoundSql sql = new BoundSql();
        if (query == null || query.isNull()) return sql.add("1");
        new DocQuery().query(query, sql);
        return sql;
    }

    private void query(JsonNode query, BoundSql sql) {
        if (!query.isObject()) {
            throw FaztException.invalid("a query must be an object like {\"status\": \"open\"}, not "
                    + kind(query));
        }
        if (query.isEmpty()) {
            sql.add("1");
            return;
        }
        sql.add("(");
        String and = "";
        for (Map.Entry<String, JsonNode> e : query.properties()) {
            sql.add(and);
            and = " AND ";
            String key = e.getKey();
            if (key.equals("$or")) {
                or(e.getValue(), sql);
            } else if (key.startsWith("$")) {
                throw FaztException.invalid("unknown query operator '" + key
                        + "': beside field names a query may only hold $or");
            } else {
                field(DocField.parse(key), e.getValue(), sql);
            }
        }
        sql.add(")");
    }

    private void or(JsonNode branches, BoundSql sql) {
        count();
        if (!branches.isArray() || branches.isEmpty()) {
            throw FaztException.invalid("$or needs a non-empty array of queries, like"
                    + " {\"$or\": [{\"a\": 1}, {\"b\": 2}]}");
        }
        sql.add("(");
        String or = "";
        for (JsonNode branch : branches) {
            sql.add(or);
            or = " OR ";
            query(branch, sql);
        }
        sql.add(")");
    }

    private void field(DocField field, JsonNode condition, BoundSql sql) {
        if (!isOperatorObject(field, condition)) {
            count();
            equal(field, condition, sql);
            return;
        }
        sql.add("(");
        String and = "";
        for (Map.Entry<String, JsonNode> e : condition.properties()) {
            sql.add(and);
            and = " AND ";
            count();
            operator(field, e.getKey(), e.getValue(), sql);
        }
        sql.add(")");
    }

    private static boolean isOperatorObject(DocField field, JsonNode condition) {
        if (!condition.isObject()) return false;
        long operators = condition.propertyStream().filter(e -> e.getKey().startsWith("$")).count();
        if (operators > 0 && operators < condition.size()) {
            throw FaztException.invalid("the condition on '" + field.name() + "' mixes operators and plain keys;"
                    + " use only operators (" + OPERATORS + ") or wrap the object in {\"$eq\": ...}");
        }
        return operators > 0;
    }

    private void operator(DocField field, String op, JsonNode arg, BoundSql sql) {
        switch (op) {
            case "$eq" -> equal(field, arg, sql);
            case "$ne" -> {
                sql.add("NOT ");
                equal(field, arg, sql);
            }
            case "$gt" -> compare(field, op, ">", arg, sql);
            case "$gte" -> compare(field, op, ">=", arg, sql);
            case "$lt" -> compare(field, op, "<", arg, sql);
            case "$lte" -> compare(field, op, "<=", arg, sql);
            case "$in" -> in(field, op, arg, sql.add("EXISTS "));
            case "$nin" -> in(field, op, arg, sql.add("NOT EXISTS "));
            case "$contains" -> contains(field, arg, sql);
            case "$exists" -> exists(field, arg, sql);
            default -> throw FaztException.invalid("unknown operator '" + op + "' on '" + field.name()
                    + "'; use one of " + OPERATORS);
        }
    }

    /** Appends a condition, never SQL NULL, that {@code operand} equals {@code value}. */
    private static void equal(DocOperand operand, JsonNode value, BoundSql sql) {
        switch (value.getNodeType()) {
            case STRING -> typedEqual(operand, "= 'text'", value.textValue(), sql);
            case NUMBER -> typedEqual(operand, "IN ('integer', 'real')", number(value), sql);
            case BOOLEAN -> sql.add("(").add(type(operand)).add(value.booleanValue() ? " = 'true')" : " = 'false')");
            case NULL -> sql.add("(").add(type(operand)).add(" IN ('null', 'missing'))");
            case OBJECT, ARRAY -> {
                String type = value.isObject() ? "'object'" : "'array'";
                sql.add("(").add(type(operand)).add(" = " + type + " AND ").add(value(operand))
                        .add(" = json(").bind(JsonText.write(value, "a query value")).add("))");
            }
            default -> throw FaztException.invalid("a query value must be JSON, not " + kind(value));
        }
    }

    private static void typedEqual(DocOperand operand, String typeTest, Object bound, BoundSql sql) {
        sql.add("(").add(type(operand)).add(" " + typeTest + " AND ").add(value(operand)).add(" = ").bind(bound).add(")");
    }

    private static void compare(DocField field, String op, String sqlOp, JsonNode arg, BoundSql sql) {
        String typeTest;
        Object bound;
        if (arg.isNumber()) {
            typeTest = " IN ('integer', 'real')";
            bound = number(arg);
        } else if (arg.isTextual()) {
            typeTest = " = 'text'";
            bound = arg.textValue();
        } else {
            throw FaztException.invalid(op + " on '" + field.name() + "' needs a number or a string, not " + kind(arg));
        }
        sql.add("(").add(type(field)).add(typeTest + " AND ").add(value(field)).add(" " + sqlOp + " ").bind(bound).add(")");
    }

    private static void in(DocField field, String op, JsonNode arg, BoundSql sql) {
        if (!arg.isArray()) {
            throw FaztException.invalid(op + " on '" + field.name() + "' needs an array of values, like"
                    + " {\"" + op + "\": [\"a\", \"b\"]}, not " + kind(arg));
        }
        // the whole list is one parameter, walked by json_each, so a long list costs no SQL depth
        BoundSql t = type(field);
        BoundSql v = value(field);
        sql.add("(SELECT 1 FROM json_each(").bind(JsonText.write(arg, "the list of " + op)).add(") AS e WHERE CASE")
                .add(" WHEN e.type IN ('integer', 'real') THEN ").add(t).add(" IN ('integer', 'real') AND ").add(v).add(" = e.value")
                .add(" WHEN e.type = 'null' THEN ").add(t).add(" IN ('null', 'missing')")
                .add(" ELSE ").add(t).add(" = e.type AND ").add(v).add(" = e.value END)");
    }

    private static void contains(DocField field, JsonNode arg, BoundSql sql) {
        sql.add("(");
        String or = "";
        if (arg.isTextual()) {
            sql.add("(").add(type(field)).add(" = 'text' AND instr(").add(value(field)).add(", ").bind(arg.textValue()).add(") > 0)");
            or = " OR ";
        }
        if (!field.inColumn()) {
            BoundSql each = new BoundSql();
            field.eachArguments(each);
            sql.add(or).add("(").add(type(field)).add(" = 'array' AND EXISTS (SELECT 1 FROM json_each(").add(each)
                    .add(") AS e WHERE ");
            equal(DocOperand.EACH_ELEMENT, arg, sql);
            sql.add("))");
            or = " OR ";
        }
        if (or.isEmpty()) sql.add("0"); // a column field is never an array, so only text search could match
        sql.add(")");
    }

    private static void exists(DocField field, JsonNode arg, BoundSql sql) {
        if (!arg.isBoolean()) {
            throw FaztException.invalid("$exists on '" + field.name() + "' needs true or false, not " + kind(arg));
        }
        sql.add("(").add(type(field)).add(arg.booleanValue() ? " <> 'missing')" : " = 'missing')");
    }

    private void count() {
        if (++conditions > MAX_CONDITIONS) {
            throw FaztException.invalid("a query may hold at most " + MAX_CONDITIONS
                    + " conditions; use $in for long lists of values or split the query");
        }
    }

    private static BoundSql type(DocOperand operand) {
        BoundSql sql = new BoundSql();
        operand.type(sql);
        return sql;
    }

    private static BoundSql value(DocOperand operand) {
        BoundSql sql = new BoundSql();
        operand.value(sql);
        return sql;
    }

    /** A JSON number as SQLite compares it: an integer when it is one that fits, else a double. */
    private static Object number(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? (Object) n.longValue() : (Object) n.doubleValue();
    }

    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
