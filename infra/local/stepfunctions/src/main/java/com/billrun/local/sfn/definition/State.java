package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.jsonpath.ReferencePath;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One state of a JSONPath state machine, as loaded and validated. Path fields hold the path text, "$" when the
 * definition omits them and Java null when the definition sets them to JSON null (InputPath/OutputPath null
 * means "{}", ResultPath null means "discard the result"). {@code next} is null on an End state.
 */
public sealed interface State {
    String name();

    record Pass(String name, String inputPath, String outputPath, JsonNode parameters, JsonNode result,
                ReferencePath resultPath, String next) implements State {
    }

    record Task(String name, String inputPath, String outputPath, JsonNode parameters, JsonNode resultSelector,
                ReferencePath resultPath, TaskResource resource, Integer timeoutSeconds, String timeoutSecondsPath,
                Integer heartbeatSeconds, String heartbeatSecondsPath, List<Retrier> retriers, List<Catcher> catchers,
                String next) implements State {
    }

    record Choice(String name, String inputPath, String outputPath, List<ChoiceBranch> choices, String defaultNext)
            implements State {
    }

    record ChoiceBranch(ChoiceRule rule, String next) {
    }

    record Wait(String name, String inputPath, String outputPath, WaitFor waitFor, String next) implements State {
    }

    /** Exactly one of the four fields is set. */
    record WaitFor(Integer seconds, String timestamp, String secondsPath, String timestampPath) {
    }

    record Succeed(String name, String inputPath, String outputPath) implements State {
    }

    record Fail(String name, String error, String cause, String errorPath, String causePath) implements State {
    }

    /** {@code distributed} is null for an inline Map. */
    record Map(String name, String inputPath, String outputPath, String itemsPath, JsonNode itemSelector,
               JsonNode resultSelector, ReferencePath resultPath, int maxConcurrency, String maxConcurrencyPath,
               StateGraph itemProcessor, List<Retrier> retriers, List<Catcher> catchers, String next,
               Distributed distributed) implements State {
    }

    /**
     * A Map in DISTRIBUTED mode (items from the state input; Standard child workflows). Tolerated failures: a null
     * count and percentage (both fields and their paths absent) tolerate none. {@code maxItemsPerBatch} null: no
     * ItemBatcher, each item is one child execution; {@code batchInput} is the ItemBatcher's BatchInput template.
     */
    record Distributed(String label, Integer toleratedFailureCount, String toleratedFailureCountPath,
                       Double toleratedFailurePercentage, String toleratedFailurePercentagePath,
                       Integer maxItemsPerBatch, JsonNode batchInput) {
    }

    record Parallel(String name, String inputPath, String outputPath, JsonNode parameters, JsonNode resultSelector,
                    ReferencePath resultPath, List<StateGraph> branches, List<Retrier> retriers, List<Catcher> catchers,
                    String next) implements State {
    }
}
