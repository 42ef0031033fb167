package com.billrun.functions.logs;

import java.util.List;

/**
 * CloudWatch metrics in the Embedded Metric Format, written as their own JSON lines through {@link Log}'s output
 * (no PutMetricData call, no client): CloudWatch Logs extracts them from the function's log. One object per line:
 * {@code _aws.Timestamp} (ms), {@code _aws.CloudWatchMetrics[{Namespace, Dimensions, Metrics[{Name, Unit}]}]}, the
 * dimension's value and each metric's value as top-level members, and the invocation's request, tenant, run and
 * batch as plain properties (searchable in Logs Insights, not dimensions: a dimension per tenant or run would be a
 * custom metric per tenant or run).
 *
 * <p>Namespace {@value #NAMESPACE}, one dimension, {@code Function} (the function's name): few enough series to cost
 * little, and the dashboard in template.yaml names each function. An EMF line carries no {@code level}: Lambda
 * reads it as INFO, so the functions' ApplicationLogLevel must stay INFO (template.yaml) or the metrics are dropped
 * with the INFO lines.
 */
public final class Metrics {

    public static final String NAMESPACE = "Billrun";
    public static final String DIMENSION = "Function";

    /** The CloudWatch units Billrun uses. */
    public enum Unit { Count, Milliseconds }

    /** One value. */
    public record Metric(String name, Unit unit, long value) {
    }

    private Metrics() {
    }

    public static Metric count(String name, long value) {
        return new Metric(name, Unit.Count, value);
    }

    public static Metric millis(String name, long value) {
        return new Metric(name, Unit.Milliseconds, value);
    }

    /** Writes the values as one EMF line. */
    public static void emit(Metric... metrics) {
        emit(List.of(metrics));
    }

    public static void emit(List<Metric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        Log.Scope scope = Log.current();
        String line = Log.json(generator -> {
            generator.writeObjectFieldStart("_aws");
            generator.writeNumberField("Timestamp", System.currentTimeMillis());
            generator.writeArrayFieldStart("CloudWatchMetrics");
            generator.writeStartObject();
            generator.writeStringField("Namespace", NAMESPACE);
            generator.writeArrayFieldStart("Dimensions");
            generator.writeStartArray();
            generator.writeString(DIMENSION);
            generator.writeEndArray();
            generator.writeEndArray();
            generator.writeArrayFieldStart("Metrics");
            for (Metric metric : metrics) {
                generator.writeStartObject();
                generator.writeStringField("Name", metric.name());
                generator.writeStringField("Unit", metric.unit().name());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeStringField(DIMENSION, Log.functionName());
            for (Metric metric : metrics) {
                generator.writeNumberField(metric.name(), metric.value());
            }
            Log.context(generator, scope);
        });
        Log.out(scope).accept(line);
    }
}
