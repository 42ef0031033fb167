package com.billrun.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Where the local runtime's log lines go, and in which form. The functions write one JSON object per line (their
 * log writer, functions/lambdas {@code com.billrun.functions.logs.Log}, hands each to the invocation's
 * {@link LocalLogger}); the HTTP API adds a line per request. Three forms:
 * <ul>
 *   <li>{@link Format#TEXT}: a readable line per record ({@code time LEVEL function event: message (tenant, run,
 *       batch)}), an error's stack trace indented below it, a request as {@code HTTP method path -> status in ms};
 *       EMF metric lines are left out;</li>
 *   <li>{@link Format#JSON}: the records as the functions wrote them, one JSON object per line, as CloudWatch
 *       receives them; the runtime's own lines and the requests become JSON objects too;</li>
 *   <li>{@link Format#ERRORS}: as TEXT, but only warnings and errors (the demo, the benches and the tests).</li>
 * </ul>
 */
public final class LocalLogs {

    /** The form of the lines. */
    public enum Format { TEXT, JSON, ERRORS }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final int TRACE_LINES = 12;

    private final PrintStream out;
    private final Format format;

    public LocalLogs(PrintStream out, Format format) {
        this.out = out;
        this.format = format;
    }

    /** Warnings and errors, readable, on stdout: what the local runtime printed before it had logs. */
    public static LocalLogs errorsOnly() {
        return new LocalLogs(System.out, Format.ERRORS);
    }

    /** {@code text} or {@code json} (the CLI's {@code --log}). */
    public static Format format(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException("--log must be text or json, not " + name);
        };
    }

    public Format format() {
        return format;
    }

    LocalLogger logger(String functionName, String requestId) {
        return new LocalLogger(this, functionName, requestId);
    }

    /** One request the HTTP API answered. */
    public void request(String method, String path, int status, long millis, String requestId) {
        switch (format) {
            case JSON -> {
                ObjectNode line = JSON.createObjectNode().put("timestamp", Instant.now().toString())
                        .put("level", status >= 500 ? "ERROR" : "INFO").put("service", "http-api").put("requestId", requestId)
                        .put("event", "request").put("method", method).put("path", path).put("status", status).put("ms", millis);
                print(line.toString());
            }
            case TEXT -> print("%s HTTP  %s %s -> %d in %d ms".formatted(TIME.format(Instant.now()), method, path, status, millis));
            case ERRORS -> {
                if (status >= 500) {
                    print("%s HTTP  %s %s -> %d in %d ms".formatted(TIME.format(Instant.now()), method, path, status, millis));
                }
            }
        }
    }

    /** A line a function wrote (through its {@link LocalLogger}); {@code level} is the logger's, for plain text. */
    void function(String functionName, String requestId, String message, String level) {
        String text = message.stripTrailing();
        JsonNode record = record(text);
        if (format == Format.JSON) {
            print(record != null ? text : JSON.createObjectNode().put("timestamp", Instant.now().toString()).put("level", level)
                    .put("function", functionName).put("requestId", requestId).put("message", text).toString());
            return;
        }
        if (record == null) {
            print("[" + functionName + " " + shortId(requestId) + "] " + (level.equals("INFO") ? "" : level + " ") + text);
            return;
        }
        if (record.has("_aws")) {
            return; // EMF metrics: in JSON form only
        }
        String recordLevel = record.path("level").asText("INFO");
        if (format == Format.ERRORS && !recordLevel.equals("WARN") && !recordLevel.equals("ERROR")) {
            return;
        }
        print(readable(record, functionName));
    }

    /** {@code 12:00:01.204 INFO  PrepareFunction prepare: bill run prepared: 3 batches (tenant acme, run 1b2c3d4e)}. */
    static String readable(JsonNode record, String functionName) {
        StringBuilder line = new StringBuilder();
        Instant at = instant(record.path("timestamp").asText(null));
        line.append(TIME.format(at)).append(' ')
                .append("%-5s ".formatted(record.path("level").asText("INFO")))
                .append(record.path("function").asText(functionName)).append(' ')
                .append(record.path("event").asText("log")).append(": ")
                .append(record.path("message").asText(""));
        List<String> about = new java.util.ArrayList<>();
        addIf(about, "tenant", record.path("tenantId").asText(null));
        String runId = record.path("billRunId").asText(null);
        addIf(about, "run", runId == null ? null : shortId(runId));
        addIf(about, "batch", record.path("batchId").asText(null));
        if (!about.isEmpty()) {
            line.append(" (").append(String.join(", ", about)).append(')');
        }
        JsonNode trace = record.path("stackTrace");
        if (trace.isArray()) {
            int shown = 0;
            for (JsonNode stackLine : trace) {
                if (shown++ == TRACE_LINES) {
                    line.append(System.lineSeparator()).append("      ... ").append(trace.size() - TRACE_LINES).append(" more lines");
                    break;
                }
                line.append(System.lineSeparator()).append("    ").append(stackLine.asText());
            }
        }
        return line.toString();
    }

    private static void addIf(List<String> about, String name, String value) {
        if (value != null && !value.isBlank()) {
            about.add(name + " " + value);
        }
    }

    private static Instant instant(String timestamp) {
        try {
            return timestamp == null ? Instant.now() : Instant.parse(timestamp);
        } catch (RuntimeException notAnInstant) {
            return Instant.now();
        }
    }

    private static JsonNode record(String text) {
        if (!text.startsWith("{") || text.indexOf('\n') >= 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(8, id.length()));
    }

    private void print(String line) {
        out.println(line);
    }
}
