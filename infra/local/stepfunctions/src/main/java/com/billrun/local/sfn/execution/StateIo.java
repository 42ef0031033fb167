package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.billrun.local.sfn.jsonpath.PayloadTemplate;
import com.billrun.local.sfn.jsonpath.ReferencePath;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * Input and output processing as AWS documents it ("Processing input and output in Step Functions"):
 * InputPath selects the effective input, Parameters shapes it, ResultSelector shapes the result, ResultPath
 * places the result into the original state input, OutputPath selects the state output.
 */
final class StateIo {
    /** "The maximum input or output size for a task, state, or execution is 256 KiB" (service quotas). */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private StateIo() {
    }

    /** InputPath and OutputPath: null (JSON null) gives "{}" — "discard the input and pass an empty object". */
    static JsonNode select(String path, JsonNode data, JsonNode context) {
        return path == null ? Json.object() : JsonPaths.read(path, data, context);
    }

    static JsonNode template(JsonNode template, JsonNode data, JsonNode context) {
        return template == null ? data : PayloadTemplate.of(template).resolve(data, context);
    }

    /** ResultPath null: "discard the result and keep the original input". */
    static JsonNode placeResult(ReferencePath resultPath, JsonNode stateInput, JsonNode result) {
        return resultPath == null ? stateInput : resultPath.write(stateInput, result);
    }

    static void checkSize(String stateName, JsonNode output) {
        int bytes = Json.write(output).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit ("
                    + bytes + " > " + MAX_PAYLOAD_BYTES + ")");
        }
    }
}
