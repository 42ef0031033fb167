package com.billrun.usecases.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a use case tells the operator while it works (a page posted, an email that could not go, a message that
 * was skipped), as named events with fields rather than sentences, so that they can be searched and counted.
 *
 * <p>A port: the use cases know nothing of where the events go. The Lambda handlers install their JSON log writer
 * as the {@link Sink} (functions/lambdas, {@code com.billrun.functions.logs.Log}), which adds the invocation's
 * context (function, request id, tenant, run, batch) and writes one JSON object per line. Until a sink is installed
 * (the use cases' own tests) the events go to {@link System.Logger}. Facts the caller needs anyway (a batch's
 * counts, a post's progress, an email's outcome) are returned, not sent here.
 */
public final class Events {

    /** How much it matters. */
    public enum Level { INFO, WARN, ERROR }

    /** Where the events go. */
    @FunctionalInterface
    public interface Sink {
        void emit(Level level, String event, String message, Map<String, Object> fields, Throwable error);
    }

    private static volatile Sink sink = Events::toSystemLogger;

    private Events() {
    }

    /** Installs the sink (once per process, by the handlers). */
    public static void install(Sink newSink) {
        sink = Objects.requireNonNull(newSink);
    }

    public static void info(String event, String message, Object... fields) {
        sink.emit(Level.INFO, event, message, fields(fields), null);
    }

    public static void warn(String event, String message, Object... fields) {
        sink.emit(Level.WARN, event, message, fields(fields), null);
    }

    public static void error(String event, String message, Throwable error, Object... fields) {
        sink.emit(Level.ERROR, event, message, fields(fields), error);
    }

    /** {@code name, value, name, value, ...} in that order. */
    static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name, value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return fields;
    }

    private static void toSystemLogger(Level level, String event, String message, Map<String, Object> fields, Throwable error) {
        System.Logger logger = System.getLogger("com.billrun.usecases." + event);
        System.Logger.Level jdkLevel = switch (level) {
            case INFO -> System.Logger.Level.INFO;
            case WARN -> System.Logger.Level.WARNING;
            case ERROR -> System.Logger.Level.ERROR;
        };
        if (error == null) {
            logger.log(jdkLevel, message + " " + fields);
        } else {
            logger.log(jdkLevel, message + " " + fields, error);
        }
    }
}
