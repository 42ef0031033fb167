package com.billrun.functions.logs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.billrun.usecases.events.Events;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The functions' log: one JSON object per line, with the function, the request id and, where they exist, the
 * tenant, the run and the batch of the invocation at the top level, then the event's name, a sentence and the
 * event's own fields; an error adds {@code errorType}, {@code errorMessage} and {@code stackTrace} (one string per
 * line, as the Lambda runtime reports a function error).
 *
 * <p>No logging framework: jackson-core's streaming generator, which every handler loads anyway ({@code StreamJson}),
 * and a thread-local {@link Scope} that the handler base classes open per invocation ({@code TaskHandler},
 * {@code SqsBatchHandler}, {@code ApiHandler}).
 *
 * <p>Where the lines go. On Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set) they are written to stdout: with the
 * function's log format JSON (template.yaml, Globals LoggingConfig) Lambda keeps a stdout line that already is a
 * JSON object as it is, reading its {@code level} and {@code timestamp} (RFC 3339) for log-level filtering, so each
 * record's fields stay at the top level for CloudWatch Logs Insights; {@link LambdaLogger}, in that format, would
 * put the whole text as a string in the {@code message} of Lambda's own record. Anywhere else (the local
 * runtime, tests) they go to the invocation's {@link LambdaLogger}, where the local runtime formats them
 * (infra/local/runtime, {@code LocalLogs}). The use cases' {@link Events} come here too, with the same context.
 */
public final class Log {

    /** Lambda's application log levels, as far as Billrun uses them. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String SERVICE = envOr("POWERTOOLS_SERVICE_NAME", "billrun");
    private static final String LAMBDA_FUNCTION = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    /** Lambda sets it from the function's ApplicationLogLevel; DEBUG lines are dropped here rather than written. */
    private static final Level THRESHOLD = threshold(System.getenv("AWS_LAMBDA_LOG_LEVEL"));
    private static final int MAX_STACK_LINES = 200;
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    static {
        Events.install(Log::event);
    }

    private Log() {
    }

    /** Installs this log as the use cases' {@link Events} sink (done once when the class loads). */
    public static void install() {
        // the static initialiser did it
    }

    /** The context of one invocation on this thread: who writes, and which tenant, run and batch it is about. */
    public static final class Scope implements AutoCloseable {

        private final Scope outer;
        final String function;
        final String requestId;
        final Consumer<String> out;
        String tenantId;
        String billRunId;
        String batchId;

        private Scope(Scope outer, String function, String requestId, Consumer<String> out) {
            this.outer = outer;
            this.function = function;
            this.requestId = requestId;
            this.out = out;
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Opens the invocation's scope on this thread (the handler base classes do, around {@code handle}). */
    public static Scope open(Context context) {
        String function = context == null || context.getFunctionName() == null ? envOr("AWS_LAMBDA_FUNCTION_NAME", "unknown")
                : context.getFunctionName();
        Scope scope = new Scope(CURRENT.get(), function, context == null ? null : context.getAwsRequestId(), sink(context));
        CURRENT.set(scope);
        return scope;
    }

    private static Consumer<String> sink(Context context) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (LAMBDA_FUNCTION != null || logger == null) {
            return Log::toStdout;
        }
        return logger::log;
    }

    private static void toStdout(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (System.out) {
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
    }

    /** The run (and its tenant) the rest of this invocation, or this SQS message, is about. */
    public static void run(String tenantId, String billRunId) {
        Scope scope = CURRENT.get();
        if (scope != null) {
            scope.tenantId = tenantId;
            scope.billRunId = billRunId;
            scope.batchId = null;
        }
    }

    public static void tenant(String tenantId) {
        run(tenantId, null);
    }

    public static void batch(String batchId) {
        Scope scope = CURRENT.get();
        if (scope != null) {
            scope.batchId = batchId;
        }
    }

    public static void info(String event, String message, Object... fields) {
        write(Level.INFO, event, message, pairs(fields), null);
    }

    public static void warn(String event, String message, Object... fields) {
        write(Level.WARN, event, message, pairs(fields), null);
    }

    public static void error(String event, String message, Throwable error, Object... fields) {
        write(Level.ERROR, event, message, pairs(fields), error);
    }

    /** A use case's event ({@link Events}), with this thread's context. */
    static void event(Events.Level level, String event, String message, Map<String, Object> fields, Throwable error) {
        write(Level.valueOf(level.name()), event, message, fields, error);
    }

    static void write(Level level, String event, String message, Map<String, Object> fields, Throwable error) {
        if (level.ordinal() < THRESHOLD.ordinal()) {
            return;
        }
        Scope scope = CURRENT.get();
        String line = json(generator -> {
            generator.writeStringField("timestamp", Instant.now().toString());
            generator.writeStringField("level", level.name());
            context(generator, scope);
            generator.writeStringField("event", event);
            generator.writeStringField("message", message);
            for (var field : fields.entrySet()) {
                generator.writeFieldName(field.getKey());
                value(generator, field.getValue());
            }
            if (error != null) {
                generator.writeStringField("errorType", error.getClass().getName());
                generator.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                generator.writeArrayFieldStart("stackTrace");
                for (String stackLine : stackTrace(error)) {
                    generator.writeString(stackLine);
                }
                generator.writeEndArray();
            }
        });
        out(scope).accept(line);
    }

    /** The service, function, request, tenant, run and batch fields, those that are known. */
    static void context(JsonGenerator generator, Scope scope) throws IOException {
        generator.writeStringField("service", SERVICE);
        String function = scope == null ? LAMBDA_FUNCTION : scope.function;
        if (function != null) {
            generator.writeStringField("function", function);
        }
        if (scope != null) {
            optional(generator, "requestId", scope.requestId);
            optional(generator, "tenantId", scope.tenantId);
            optional(generator, "billRunId", scope.billRunId);
            optional(generator, "batchId", scope.batchId);
        }
    }

    static String functionName() {
        Scope scope = CURRENT.get();
        return scope != null ? scope.function : LAMBDA_FUNCTION != null ? LAMBDA_FUNCTION : "unknown";
    }

    static Consumer<String> out(Scope scope) {
        return scope == null ? Log::toStdout : scope.out;
    }

    static Scope current() {
        return CURRENT.get();
    }

    /** Writes one JSON object, the fields written by {@code body}, as a line. */
    static String json(JsonBody body) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator generator) throws IOException;
    }

    private static void optional(JsonGenerator generator, String name, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(name, value);
        }
    }

    private static void value(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case CharSequence text -> generator.writeString(text.toString());
            case Boolean flag -> generator.writeBoolean(flag);
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Double number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            case BigInteger number -> generator.writeNumber(number);
            case Number number -> generator.writeNumber(number.doubleValue());
            case Enum<?> constant -> generator.writeString(constant.name());
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (var entry : map.entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    value(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case Iterable<?> items -> {
                generator.writeStartArray();
                for (Object item : items) {
                    value(generator, item);
                }
                generator.writeEndArray();
            }
            default -> generator.writeString(value.toString());
        }
    }

    /** The trace as {@link Throwable#printStackTrace} prints it (causes and suppressed included), line by line. */
    static java.util.List<String> stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        java.util.List<String> lines = trace.toString().lines().map(String::stripTrailing).toList();
        return lines.size() <= MAX_STACK_LINES ? lines : java.util.stream.Stream.concat(lines.stream().limit(MAX_STACK_LINES),
                java.util.stream.Stream.of("... " + (lines.size() - MAX_STACK_LINES) + " more lines")).toList();
    }

    static Map<String, Object> pairs(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name, value pairs");
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return fields;
    }

    private static Level threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return Level.INFO;
        }
        return switch (configured.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
