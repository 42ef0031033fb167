package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS "Intrinsic functions for JSONPath states": the documented examples of each function. */
class IntrinsicFunctionsTest {
    private static final String INPUT = """
            {"name": "Arnav", "n": 3, "list": [1, 2, 3, 4, 5, 6, 7, 8, 9], "dup": [1, 2, 3, 3, 3, 3, 3, 3, 4],
             "json": "{\\"number\\": 20}", "obj": {"a": 1}, "text": "Data to encode",
             "csv": "1,2,3,4,5", "left": {"a": {"a1": 1}, "b": 2}, "right": {"a": {"a3": 1}, "c": 3}}""";

    private final LocalSfn sfn = new LocalSfn(LocalSfn.noLambda());

    @AfterEach
    void close() {
        sfn.close();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            States.Format('Hello, my name is {}.', $.name)               | "Hello, my name is Arnav."
            States.Format('\\{literal\\} {} and {}', $.n, true)         | "{literal} 3 and true"
            States.StringToJson($.json)                                  | {"number": 20}
            States.JsonToString($.obj)                                   | "{\\"a\\":1}"
            States.Array('Foo', 2020, $.obj, null)                       | ["Foo", 2020, {"a": 1}, null]
            States.ArrayPartition($.list, 4)                             | [[1,2,3,4],[5,6,7,8],[9]]
            States.ArrayContains($.list, 5)                              | true
            States.ArrayContains($.list, 10)                             | false
            States.ArrayRange(1, 9, 2)                                   | [1,3,5,7,9]
            States.ArrayGetItem($.list, 5)                               | 6
            States.ArrayLength($.list)                                   | 9
            States.ArrayUnique($.dup)                                    | [1,2,3,4]
            States.Base64Encode($.text)                                  | "RGF0YSB0byBlbmNvZGU="
            States.Base64Decode('RGF0YSB0byBlbmNvZGU=')                  | "Data to encode"
            States.Hash('input data', 'SHA-1')                           | "aaff4a450a104cd177d28d18d74485e8cae074b7"
            States.JsonMerge($.left, $.right, false)                     | {"a": {"a3": 1}, "b": 2, "c": 3}
            States.MathAdd($.n, -1)                                      | 2
            States.StringSplit($.csv, ',')                               | ["1","2","3","4","5"]
            States.ArrayLength(States.ArrayPartition($.list, 2))         | 5
            """)
    void documentedExamples(String expression, String expected) throws Exception {
        assertEquals(Json.parse(expected), evaluate(expression));
    }

    @Test
    @DisplayName("States.UUID gives a v4 UUID; States.MathRandom stays within [start, end)")
    void randomFunctions() throws Exception {
        assertTrue(evaluate("States.UUID()").textValue().matches("[0-9a-f-]{36}"));
        int random = evaluate("States.MathRandom(1, 999)").intValue();
        assertTrue(random >= 1 && random < 999);
    }

    @Test
    @DisplayName("AWS: intrinsic function errors are reported as States.Runtime")
    void failureIsRuntimeError() throws Exception {
        Execution execution = sfn.run(definition("States.ArrayGetItem($.list, 99)"), INPUT);

        assertEquals("States.Runtime", execution.error());
    }

    private JsonNode evaluate(String expression) throws Exception {
        Execution execution = sfn.run(definition(expression), INPUT);
        assertEquals("SUCCEEDED", execution.status().name(), execution.cause());
        return LocalSfn.output(execution).get("value");
    }

    private static String definition(String expression) {
        String escaped = expression.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"value.$\": \""
                + escaped + "\"}}}}";
    }
}
