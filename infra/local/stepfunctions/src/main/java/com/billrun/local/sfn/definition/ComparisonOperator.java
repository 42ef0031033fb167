package com.billrun.local.sfn.definition;

import java.util.Arrays;
import java.util.Optional;

/** Every comparison operator of a JSONPath Choice Rule (AWS, Choice workflow state, "Choice Rules"). */
public enum ComparisonOperator {
    StringEquals(Kind.STRING, Relation.EQ), StringLessThan(Kind.STRING, Relation.LT),
    StringGreaterThan(Kind.STRING, Relation.GT), StringLessThanEquals(Kind.STRING, Relation.LE),
    StringGreaterThanEquals(Kind.STRING, Relation.GE), StringMatches(Kind.PATTERN, Relation.EQ),
    NumericEquals(Kind.NUMERIC, Relation.EQ), NumericLessThan(Kind.NUMERIC, Relation.LT),
    NumericGreaterThan(Kind.NUMERIC, Relation.GT), NumericLessThanEquals(Kind.NUMERIC, Relation.LE),
    NumericGreaterThanEquals(Kind.NUMERIC, Relation.GE),
    BooleanEquals(Kind.BOOLEAN, Relation.EQ),
    TimestampEquals(Kind.TIMESTAMP, Relation.EQ), TimestampLessThan(Kind.TIMESTAMP, Relation.LT),
    TimestampGreaterThan(Kind.TIMESTAMP, Relation.GT), TimestampLessThanEquals(Kind.TIMESTAMP, Relation.LE),
    TimestampGreaterThanEquals(Kind.TIMESTAMP, Relation.GE),
    IsNull(Kind.TYPE_TEST, Relation.EQ), IsPresent(Kind.TYPE_TEST, Relation.EQ), IsNumeric(Kind.TYPE_TEST, Relation.EQ),
    IsString(Kind.TYPE_TEST, Relation.EQ), IsBoolean(Kind.TYPE_TEST, Relation.EQ), IsTimestamp(Kind.TYPE_TEST, Relation.EQ);

    public enum Kind { STRING, PATTERN, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    public enum Relation {
        EQ, LT, GT, LE, GE;

        public boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case LT -> comparison < 0;
                case GT -> comparison > 0;
                case LE -> comparison <= 0;
                case GE -> comparison >= 0;
            };
        }
    }

    private final Kind kind;
    private final Relation relation;

    ComparisonOperator(Kind kind, Relation relation) {
        this.kind = kind;
        this.relation = relation;
    }

    public Kind kind() {
        return kind;
    }

    public Relation relation() {
        return relation;
    }

    /** The *Path variant exists for all but StringMatches and the type tests. */
    public boolean hasPathVariant() {
        return kind != Kind.PATTERN && kind != Kind.TYPE_TEST;
    }

    /** Resolves a field name such as "NumericLessThanEqualsPath"; the boolean is whether it is a *Path variant. */
    public static Optional<Match> byFieldName(String field) {
        boolean path = field.endsWith("Path");
        String base = path ? field.substring(0, field.length() - 4) : field;
        return Arrays.stream(values())
                .filter(op -> op.name().equals(base) && (!path || op.hasPathVariant()))
                .findFirst()
                .map(op -> new Match(op, path));
    }

    public record Match(ComparisonOperator operator, boolean path) {
    }
}
