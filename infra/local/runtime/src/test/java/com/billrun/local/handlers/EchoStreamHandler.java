package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** A RequestStreamHandler: the raw payload comes back unchanged. */
public final class EchoStreamHandler implements RequestStreamHandler {

    public EchoStreamHandler(Map<String, String> env) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(output);
    }
}
