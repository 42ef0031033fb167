package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An EventBridge target that keeps every event it gets, under its {@code EVENT_LOG} name. */
public final class EventRecorder implements RequestStreamHandler {

    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();
    private final List<String> events;

    public EventRecorder(Map<String, String> env) {
        this.events = events(env.get("EVENT_LOG"));
    }

    public static List<String> events(String log) {
        return EVENTS.computeIfAbsent(log, name -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        events.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
