package com.billrun.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
 */
public abstract class TaskHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamJson.write(handle(StreamJson.read(input), context), output);
    }

    /** The task: the event as a map (null for a JSON null) → the answer, written as a JSON object. */
    public abstract Map<String, Object> handle(Map<String, Object> payload, Context context);
}
