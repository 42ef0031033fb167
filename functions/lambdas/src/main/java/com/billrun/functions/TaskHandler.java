package com.billrun.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.billrun.functions.logs.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A handler whose event and answer are small JSON objects (the state machines' tasks, a schedule's firing): it
 * reads and writes them itself ({@link StreamJson}: Jackson's streaming parser and generator), as a stream handler.
 *
 * <p>Why not {@code RequestHandler<Map<String, Object>, Map<String, Object>>}: for a POJO handler the Lambda Java
 * runtime builds its own Jackson object mapper before the first event (some 550 classes of its shaded Jackson,
 * 150-250 ms of a cold start here), only to turn a few ids into a map; the streaming classes read them for a
 * tenth of that, with the same maps as the runtime's mapper gives.
 *
 * <p>Each invocation has its {@link Log.Scope}: the payload's {@code tenantId} and {@code billRunId} are on every
 * line it logs, and a task that throws is logged with its stack trace (event {@code <step>.failed}) before the
 * error goes to the state machine as it did.
 */
public abstract class TaskHandler implements RequestStreamHandler {

    static {
        Log.install();
    }

    private final String step = step(getClass());

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.Scope scope = Log.open(context);
        try {
            Map<String, Object> payload = StreamJson.read(input);
            if (payload != null && payload.get("tenantId") instanceof String tenantId) {
                Log.run(tenantId, payload.get("billRunId") instanceof String runId ? runId : null);
            }
            StreamJson.write(handle(payload, context), output);
        } catch (RuntimeException | IOException | Error failure) {
            Log.error(step + ".failed", "the " + step + " task failed: " + failure, failure);
            throw failure;
        } finally {
            scope.close();
        }
    }

    /** The step's name in the log, from the class: {@code MarkErrorHandler} → {@code mark-error}. */
    public static String step(Class<?> handler) {
        String name = handler.getSimpleName().replaceFirst("Handler$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The task: the event as a map (null for a JSON null) → the answer, written as a JSON object. */
    public abstract Map<String, Object> handle(Map<String, Object> payload, Context context);
}
