package com.billrun.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether CloudWatch would take a line as an Embedded Metric Format document: the specification's JSON schema
 * (Amazon CloudWatch User Guide, "Specification: Embedded metric format") and the rules its text adds.
 * Returns what is wrong, nothing when the document is valid.
 */
final class EmfCheck {

    private static final Pattern UNIT = Pattern.compile("^(Seconds|Microseconds|Milliseconds|Bytes|Kilobytes|Megabytes|"
            + "Gigabytes|Terabytes|Bits|Kilobits|Megabits|Gigabits|Terabits|Percent|Count|Bytes/Second|Kilobytes/Second|"
            + "Megabytes/Second|Gigabytes/Second|Terabytes/Second|Bits/Second|Kilobits/Second|Megabits/Second|"
            + "Gigabits/Second|Terabits/Second|Count/Second|None)$");
    /** CloudWatch refuses metric timestamps more than two weeks old or two hours ahead. */
    private static final Duration PAST = Duration.ofDays(14);
    private static final Duration FUTURE = Duration.ofHours(2);

    private EmfCheck() {
    }

    static List<String> problems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return List.of("the document is not a JSON object");
        }
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            return List.of("_aws is missing or not an object");
        }
        JsonNode timestamp = aws.get("Timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber()) {
            problems.add("_aws.Timestamp is missing or not an integer");
        } else {
            Instant at = Instant.ofEpochMilli(timestamp.asLong());
            Instant now = Instant.now();
            if (at.isBefore(now.minus(PAST)) || at.isAfter(now.plus(FUTURE))) {
                problems.add("_aws.Timestamp " + at + " is not in milliseconds near now");
            }
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray()) {
            problems.add("_aws.CloudWatchMetrics is missing or not an array");
            return problems;
        }
        for (JsonNode directive : directives) {
            directive(root, directive, problems);
        }
        return problems;
    }

    private static void directive(JsonNode root, JsonNode directive, List<String> problems) {
        if (!directive.isObject()) {
            problems.add("a MetricDirective is not an object");
            return;
        }
        text(directive.get("Namespace"), "Namespace", problems);
        JsonNode dimensions = directive.get("Dimensions");
        Set<String> dimensionKeys = new HashSet<>();
        if (dimensions == null || !dimensions.isArray() || dimensions.isEmpty()) {
            problems.add("Dimensions must be an array of at least one DimensionSet");
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > 9) {
                    problems.add("a DimensionSet must be an array of at most 9 keys: " + set);
                    continue;
                }
                for (JsonNode key : set) {
                    if (text(key, "a dimension key", problems)) {
                        dimensionKeys.add(key.asText());
                        JsonNode target = root.get(key.asText());
                        if (target == null || !target.isTextual() || target.asText().isEmpty()) {
                            problems.add("dimension " + key.asText() + " has no string member on the root");
                        }
                    }
                }
            }
        }
        JsonNode metrics = directive.get("Metrics");
        if (metrics == null || !metrics.isArray() || metrics.size() > 100) {
            problems.add("Metrics must be an array of at most 100 MetricDefinitions");
            return;
        }
        for (JsonNode metric : metrics) {
            JsonNode name = metric.get("Name");
            if (!metric.isObject() || !text(name, "a metric Name", problems)) {
                continue;
            }
            if (dimensionKeys.contains(name.asText())) {
                problems.add("metric " + name.asText() + " is also a dimension");
            }
            JsonNode unit = metric.get("Unit");
            if (unit != null && (!unit.isTextual() || !UNIT.matcher(unit.asText()).matches())) {
                problems.add("metric " + name.asText() + " has an invalid Unit " + unit);
            }
            JsonNode resolution = metric.get("StorageResolution");
            if (resolution != null && resolution.asInt() != 1 && resolution.asInt() != 60) {
                problems.add("metric " + name.asText() + " has StorageResolution " + resolution);
            }
            JsonNode value = root.get(name.asText());
            boolean numbers = value != null && (value.isNumber()
                    || value.isArray() && value.size() <= 100 && !value.isEmpty() && allNumbers(value));
            if (!numbers) {
                problems.add("metric " + name.asText() + " has no numeric member (or array of at most 100) on the root");
            }
        }
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static boolean text(JsonNode node, String what, List<String> problems) {
        if (node == null || !node.isTextual() || node.asText().isEmpty() || node.asText().length() > 255) {
            problems.add(what + " must be a string of 1 to 255 characters: " + node);
            return false;
        }
        return true;
    }
}
