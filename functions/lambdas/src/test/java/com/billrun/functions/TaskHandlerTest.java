package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task handler reads and answers the same JSON as the Lambda runtime's mapper would for a Map handler. */
class TaskHandlerTest {

    private static final String EVENT = "{\"tenantId\":\"acme\",\"n\":7,\"big\":12345678901,\"x\":1.5,\"ok\":true,"
            + "\"none\":null,\"list\":[\"a\",2,{\"k\":\"v\"}],\"error\":{\"Error\":\"E\",\"Cause\":\"{\\\"errorMessage\\\":\\\"m\\\"}\"}}";

    @Test
    void readsAnEventAsTheRuntimesMapperDoes() throws IOException {
        Map<String, Object> ours = TaskHandler.read(in(EVENT));
        Object runtimes = JacksonFactory.getInstance().getSerializer(Map.class).fromJson(in(EVENT));
        assertEquals(runtimes, ours);
        assertEquals(List.copyOf(((Map<?, ?>) runtimes).keySet()), List.copyOf(ours.keySet()));
        assertNull(TaskHandler.read(in("null")));
        assertThrows(IllegalArgumentException.class, () -> TaskHandler.read(in("[1]")));
    }

    @Test
    void answersWithTheMapAsJson() throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETED");
        answer.put("autoPost", true);
        answer.put("invoicesPosted", 3);
        answer.put("batchIds", List.of("00001", "00002"));
        TaskHandler echo = new TaskHandler() {
            @Override
            public Map<String, Object> handle(Map<String, Object> payload, Context context) {
                return answer;
            }
        };
        var out = new ByteArrayOutputStream();
        echo.handleRequest(in("{}"), out, null);
        assertEquals("{\"status\":\"COMPLETED\",\"autoPost\":true,\"invoicesPosted\":3,\"batchIds\":[\"00001\",\"00002\"]}",
                out.toString(StandardCharsets.UTF_8));
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
