package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS "Choice workflow state", Choice Rules (JSONPath): every comparison operator, its *Path variant, And/Or/Not. */
class ChoiceStateTest {
    private static final String INPUT = """
            {"s": "b", "sLow": "a", "sHigh": "c", "n": 5, "nLow": 4, "nHigh": 6.5, "nSame": 5.0, "t": true, "f": false,
             "ts": "2001-01-01T12:00:00Z", "tsLow": "2000-12-31T23:00:00Z", "tsSameOffset": "2001-01-01T13:00:00+01:00",
             "file": "log-2024.txt", "star": "a*b", "nothing": null, "notTs": "yesterday"}""";

    private final LocalSfn sfn = new LocalSfn(LocalSfn.noLambda());

    @AfterEach
    void close() {
        sfn.close();
    }

    @ParameterizedTest(name = "{0} {1} on {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            StringEquals              | "b"                       | $.s      | true
            StringEquals              | "B"                       | $.s      | false
            StringEquals              | "5"                       | $.n      | false
            StringEqualsPath          | "$.s"                     | $.s      | true
            StringLessThan            | "c"                       | $.s      | true
            StringLessThanPath        | "$.sLow"                  | $.s      | false
            StringGreaterThan         | "a"                       | $.s      | true
            StringGreaterThanPath     | "$.sHigh"                 | $.s      | false
            StringLessThanEquals      | "b"                       | $.s      | true
            StringLessThanEqualsPath  | "$.sLow"                  | $.s      | false
            StringGreaterThanEquals   | "b"                       | $.s      | true
            StringGreaterThanEqualsPath | "$.sHigh"               | $.s      | false
            StringMatches             | "log-*.txt"               | $.file   | true
            StringMatches             | "log-*.csv"               | $.file   | false
            StringMatches             | "a\\\\*b"                 | $.star   | true
            StringMatches             | "a\\\\*b"                 | $.file   | false
            NumericEquals             | 5                         | $.n      | true
            NumericEquals             | 5                         | $.nSame  | true
            NumericEquals             | 5                         | $.s      | false
            NumericEqualsPath         | "$.nSame"                 | $.n      | true
            NumericLessThan           | 6                         | $.n      | true
            NumericLessThanPath       | "$.nLow"                  | $.n      | false
            NumericGreaterThan        | 4.5                       | $.n      | true
            NumericGreaterThanPath    | "$.nHigh"                 | $.n      | false
            NumericLessThanEquals     | 5                         | $.n      | true
            NumericLessThanEqualsPath | "$.nLow"                  | $.n      | false
            NumericGreaterThanEquals  | 5                         | $.n      | true
            NumericGreaterThanEqualsPath | "$.nHigh"              | $.n      | false
            BooleanEquals             | true                      | $.t      | true
            BooleanEquals             | true                      | $.f      | false
            BooleanEqualsPath         | "$.f"                     | $.f      | true
            TimestampEquals           | "2001-01-01T12:00:00Z"    | $.ts     | true
            TimestampEquals           | "2001-01-01T12:00:00Z"    | $.tsSameOffset | true
            TimestampEqualsPath       | "$.tsLow"                 | $.ts     | false
            TimestampLessThan         | "2001-01-02T00:00:00Z"    | $.ts     | true
            TimestampLessThanPath     | "$.tsLow"                 | $.ts     | false
            TimestampGreaterThan      | "2000-01-01T00:00:00Z"    | $.ts     | true
            TimestampGreaterThanPath  | "$.tsLow"                 | $.ts     | true
            TimestampLessThanEquals   | "2001-01-01T12:00:00Z"    | $.ts     | true
            TimestampLessThanEqualsPath | "$.tsLow"               | $.ts     | false
            TimestampGreaterThanEquals | "2001-01-01T12:00:00Z"   | $.ts     | true
            TimestampGreaterThanEqualsPath | "$.tsLow"            | $.ts     | true
            TimestampEquals           | "2001-01-01T12:00:00Z"    | $.notTs  | false
            IsNull                    | true                      | $.nothing | true
            IsNull                    | true                      | $.s      | false
            IsPresent                 | true                      | $.s      | true
            IsPresent                 | true                      | $.absent | false
            IsPresent                 | false                     | $.absent | true
            IsNumeric                 | true                      | $.n      | true
            IsNumeric                 | true                      | $.s      | false
            IsString                  | true                      | $.s      | true
            IsString                  | false                     | $.n      | true
            IsBoolean                 | true                      | $.t      | true
            IsBoolean                 | true                      | $.nothing | false
            IsTimestamp               | true                      | $.ts     | true
            IsTimestamp               | true                      | $.notTs  | false
            """)
    void everyComparisonOperator(String operator, String operand, String variable, boolean expected) throws Exception {
        String rule = "{\"Variable\": \"" + variable + "\", \"" + operator + "\": " + operand + ", \"Next\": \"Yes\"}";

        assertEquals(expected ? "yes" : "no", choose(rule));
    }

    @Test
    @DisplayName("AWS Choice Rules: And, Or and Not combine nested rules (the IsPresent guard example)")
    void combinators() throws Exception {
        assertEquals("yes", choose("""
                {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 1}, {"Variable": "$.n", "NumericLessThan": 10}],
                 "Next": "Yes"}"""));
        assertEquals("yes", choose("""
                {"Or": [{"Variable": "$.s", "StringEquals": "z"}, {"Variable": "$.t", "BooleanEquals": true}], "Next": "Yes"}"""));
        assertEquals("no", choose("{\"Not\": {\"Variable\": \"$.s\", \"StringEquals\": \"b\"}, \"Next\": \"Yes\"}"));
        assertEquals("no", choose("""
                {"And": [{"Variable": "$.keyThatMightNotExist", "IsPresent": true},
                         {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}], "Next": "Yes"}"""));
    }

    @Test
    @DisplayName("AWS: with no matching rule and no Default the state fails (States.NoChoiceMatched, reported as States.Runtime)")
    void noChoiceMatched() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice",
                  "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Yes"}]},
                  "Yes": {"Type": "Succeed"}}}""", INPUT);

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("States.NoChoiceMatched"));
    }

    @Test
    @DisplayName("A comparison on a missing Variable is a States.Runtime error (AWS: guard it with IsPresent)")
    void missingVariable() throws Exception {
        Execution execution = sfn.run(definition("{\"Variable\": \"$.absent\", \"StringEquals\": \"x\", \"Next\": \"Yes\"}"), INPUT);

        assertEquals("States.Runtime", execution.error());
    }

    @Test
    @DisplayName("The Choice state passes its (InputPath/OutputPath-filtered) input through")
    void passesInputThrough() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "InputPath": "$.inner",
                  "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""", "{\"inner\": {\"v\": 1}, \"outer\": 2}");

        assertEquals(Json.parse("{\"v\": 1}"), LocalSfn.output(execution));
    }

    private String choose(String rule) throws Exception {
        Execution execution = sfn.run(definition(rule), INPUT);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
        return LocalSfn.output(execution).textValue();
    }

    private static String definition(String rule) {
        return """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}""".formatted(rule);
    }
}
