package com.billrun.functions;

import static com.billrun.functions.StreamJson.text;
import static com.billrun.functions.StreamJson.texts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.functions.logs.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler of SQS batches (ReportBatchItemFailures) that reads the event and writes its answer itself, with
 * {@link StreamJson}, as a stream handler: as {@code RequestHandler<SQSEvent, SQSBatchResponse>} the Lambda Java
 * runtime would first set up its event serialisers (some 800 classes, its shaded Jackson and mixins, 200 ms and
 * more of a cold start here). Each record's string fields and {@code attributes} are read; message attributes,
 * which no Billrun queue carries, are not.
 *
 * <p>Each invocation has its {@link Log.Scope} (the handler names the run of each message it works on); a batch
 * that throws is logged with its stack trace before the error goes back to Lambda as it did.
 */
public abstract class SqsBatchHandler implements RequestStreamHandler {

    static {
        Log.install();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.Scope scope = Log.open(context);
        try {
            respond(handle(event(StreamJson.read(input)), context), output);
        } catch (RuntimeException | IOException | Error failure) {
            Log.error(TaskHandler.step(getClass()) + ".failed", "the batch failed: " + failure, failure);
            throw failure;
        } finally {
            scope.close();
        }
    }

    private static void respond(SQSBatchResponse response, OutputStream output) throws IOException {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            failures.add(Map.of("itemIdentifier", failure.getItemIdentifier()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batchItemFailures", failures);
        StreamJson.write(answer, output);
    }

    /** The batch → the messages to deliver again. */
    public abstract SQSBatchResponse handle(SQSEvent event, Context context);

    static SQSEvent event(Map<String, Object> json) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        Object records = json == null ? null : json.get("Records");
        if (records instanceof List<?> list) {
            for (Object record : list) {
                if (record instanceof Map<?, ?> fields) {
                    messages.add(message(fields));
                }
            }
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static SQSEvent.SQSMessage message(Map<?, ?> fields) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(text(fields.get("messageId")));
        message.setReceiptHandle(text(fields.get("receiptHandle")));
        message.setBody(text(fields.get("body")));
        message.setMd5OfBody(text(fields.get("md5OfBody")));
        message.setMd5OfMessageAttributes(text(fields.get("md5OfMessageAttributes")));
        message.setEventSource(text(fields.get("eventSource")));
        message.setEventSourceArn(text(fields.get("eventSourceARN")));
        message.setAwsRegion(text(fields.get("awsRegion")));
        message.setAttributes(texts(fields.get("attributes")));
        return message;
    }
}
