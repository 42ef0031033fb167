package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream handlers read and answer the same JSON as the Lambda runtime's serialisers would. */
class StreamHandlersTest {

    private static final String EVENT = "{\"tenantId\":\"acme\",\"n\":7,\"big\":12345678901,\"x\":1.5,\"ok\":true,"
            + "\"none\":null,\"list\":[\"a\",2,{\"k\":\"v\"}],\"error\":{\"Error\":\"E\",\"Cause\":\"{\\\"errorMessage\\\":\\\"m\\\"}\"}}";

    @Test
    void readsAnEventAsTheRuntimesMapperDoes() throws IOException {
        Map<String, Object> ours = StreamJson.read(in(EVENT));
        Object runtimes = JacksonFactory.getInstance().getSerializer(Map.class).fromJson(in(EVENT));
        assertEquals(runtimes, ours);
        assertEquals(List.copyOf(((Map<?, ?>) runtimes).keySet()), List.copyOf(ours.keySet()));
        assertNull(StreamJson.read(in("null")));
        assertThrows(IllegalArgumentException.class, () -> StreamJson.read(in("[1]")));
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

    @Test
    void anSqsBatchReadsAsTheRuntimesSerialiserReadsItAndAnswersItsFailures() throws IOException {
        String batch = "{\"Records\":[{\"messageId\":\"m-1\",\"receiptHandle\":\"r\",\"body\":\"{\\\"a\\\":1}\","
                + "\"attributes\":{\"ApproximateReceiveCount\":\"2\"},\"messageAttributes\":{},\"md5OfBody\":\"0\","
                + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:1:Q\",\"awsRegion\":\"us-east-1\"}]}";
        SQSEvent ours = SqsBatchHandler.event(StreamJson.read(in(batch)));
        SQSEvent runtimes = (SQSEvent) LambdaEventSerializers.serializerFor(SQSEvent.class, SQSEvent.class.getClassLoader())
                .fromJson(in(batch));
        SQSEvent.SQSMessage mine = ours.getRecords().getFirst();
        SQSEvent.SQSMessage theirs = runtimes.getRecords().getFirst();
        assertEquals(theirs.getMessageId(), mine.getMessageId());
        assertEquals(theirs.getBody(), mine.getBody());
        assertEquals(theirs.getEventSourceArn(), mine.getEventSourceArn());
        assertEquals(theirs.getAttributes(), mine.getAttributes());

        SqsBatchHandler failsAll = new SqsBatchHandler() {
            @Override
            public SQSBatchResponse handle(SQSEvent event, Context context) {
                return new SQSBatchResponse(event.getRecords().stream()
                        .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
            }
        };
        var out = new ByteArrayOutputStream();
        failsAll.handleRequest(in(batch), out, null);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}", out.toString(StandardCharsets.UTF_8));
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
