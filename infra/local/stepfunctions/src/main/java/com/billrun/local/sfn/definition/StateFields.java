package com.billrun.local.sfn.definition;

import java.util.Map;
import java.util.Set;

/**
 * The fields each JSONPath state type may carry (Amazon States Language, state type pages), and the fields that
 * exist in AWS but that this engine does not run: those are refused with their own message rather than ignored.
 */
final class StateFields {
    static final Set<String> TOP_LEVEL = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");
    static final Set<String> GRAPH = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private static final Set<String> FLOW = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath");

    static final Map<String, Set<String>> BY_TYPE = Map.of(
            "Pass", with(FLOW, "ResultPath", "Parameters", "Result"),
            "Task", with(FLOW, "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Resource",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"),
            "Choice", Set.of("Type", "Comment", "InputPath", "OutputPath", "Choices", "Default"),
            "Wait", with(FLOW, "Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
            "Succeed", Set.of("Type", "Comment", "InputPath", "OutputPath"),
            "Fail", Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath"),
            "Map", with(FLOW, "ResultPath", "Parameters", "ItemSelector", "ResultSelector", "Retry", "Catch",
                    "ItemsPath", "MaxConcurrency", "MaxConcurrencyPath", "ItemProcessor", "Iterator",
                    "ItemBatcher", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "Label"),
            "Parallel", with(FLOW, "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Branches"));

    static final Map<String, String> KNOWN_BUT_UNSUPPORTED = Map.ofEntries(
            Map.entry("QueryLanguage", "JSONata is not supported; the local engine runs JSONPath states only"),
            Map.entry("Arguments", "JSONata 'Arguments' is not supported; use Parameters (JSONPath)"),
            Map.entry("Output", "JSONata 'Output' is not supported; use OutputPath/ResultSelector (JSONPath)"),
            Map.entry("Assign", "workflow variables ('Assign') are not supported"),
            Map.entry("Credentials", "cross-account 'Credentials' are not supported"),
            Map.entry("ItemReader", "ItemReader is not supported: the local Distributed Map takes its items from the "
                    + "state input (ItemsPath), not from S3"),
            Map.entry("ResultWriter", "ResultWriter is not supported: the local Distributed Map returns its results "
                    + "in the state output, it writes nothing to S3"));

    /** The Map fields that only a DISTRIBUTED Map may carry. */
    static final Set<String> DISTRIBUTED_ONLY = Set.of("ItemBatcher", "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label");

    private StateFields() {
    }

    private static Set<String> with(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
