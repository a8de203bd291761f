package fazt.core.storage;

/**
 * Something a query compares: a document field, or an element of a JSON array being walked.
 * Both give their JSON type the way {@code json_type} names it ({@code 'text'}, {@code 'integer'},
 * {@code 'real'}, {@code 'true'}, {@code 'false'}, {@code 'null'}, {@code 'object'},
 * {@code 'array'}, or {@code 'missing'} for an absent field) and their SQL value.
 */
interface DocOperand {
    /** Appends an expression for the JSON type; it is never SQL NULL. */
    void type(BoundSql sql);

    /** Appends an expression for the SQL value (objects and arrays as minified JSON text). */
    void value(BoundSql sql);

    /** An element of the array that a {@code json_each(...) AS e} in scope walks. */
    DocOperand EACH_ELEMENT = new DocOperand() {
        @Override
        public void type(BoundSql sql) {
            sql.add("e.type");
        }

        @Override
        public void value(BoundSql sql) {
            sql.add("e.value");
        }
    };
}
