package fazt.core.storage;

import fazt.core.FaztException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A field path into a document as queries, sorts and updates name it: {@code status},
 * {@code profile.name}. Only letters, digits and {@code _}, in segments joined by single dots,
 * are accepted, so a path can never carry SQL or JSON-path syntax; it is still bound as a
 * parameter, never written into SQL. Each segment names an object key ({@code tags.0} is the key
 * "0", not an array index).
 *
 * <p>{@code id}, {@code _createdAt} and {@code _updatedAt} live in their own columns of the
 * {@code docs} table; the SQL this class writes reads them from there.
 */
final class DocField implements DocOperand {
    static final String ID = "id";
    static final String CREATED_AT = "_createdAt";
    static final String UPDATED_AT = "_updatedAt";
    static final int MAX_LENGTH = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    private final String name;
    private final String column;
    private final String columnType;

    private DocField(String name, String column, String columnType) {
        this.name = name;
        this.column = column;
        this.columnType = columnType;
    }

    /** The field named {@code name}, or an invalid-input error that names it and the rule. */
    static DocField parse(String name) {
        if (name == null || name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            throw FaztException.invalid("invalid field name '" + name + "': use letters, digits and _, with"
                    + " single dots between nested names (like profile.name), at most " + MAX_LENGTH + " characters");
        }
        return switch (name) {
            case ID -> new DocField(name, "docs.id", "text");
            case CREATED_AT -> new DocField(name, "docs.created_at", "integer");
            case UPDATED_AT -> new DocField(name, "docs.updated_at", "integer");
            default -> new DocField(name, null, null);
        };
    }

    /** True for the fields fazt keeps itself: {@code id}, {@code _createdAt}, {@code _updatedAt}. */
    static boolean isSystem(String name) {
        return ID.equals(name) || CREATED_AT.equals(name) || UPDATED_AT.equals(name);
    }

    String name() {
        return name;
    }

    List<String> segments() {
        return List.of(name.split("\\."));
    }

    /** True when the field is a column (a system field), which is never an array. */
    boolean inColumn() {
        return column != null;
    }

    @Override
    public void type(BoundSql sql) {
        if (column != null) {
            sql.add("'" + columnType + "'");
        } else {
            sql.add("IFNULL(json_type(docs.data, ").bind(jsonPath()).add("), 'missing')");
        }
    }

    @Override
    public void value(BoundSql sql) {
        if (column != null) {
            sql.add(column);
        } else {
            sql.add("json_extract(docs.data, ").bind(jsonPath()).add(")");
        }
    }

    /** Appends the arguments that make {@code json_each} walk this (non-column) field's array. */
    void eachArguments(BoundSql sql) {
        sql.add("docs.data, ").bind(jsonPath());
    }

    private String jsonPath() {
        return "$." + name;
    }
}
