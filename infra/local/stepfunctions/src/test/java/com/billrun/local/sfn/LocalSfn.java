package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.local.sfn.execution.HistoryEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test fixture: an engine where a definition second lasts 10 ms, and helpers to run a definition to its end. */
final class LocalSfn implements AutoCloseable {
    static final TimeScale FAST = new TimeScale(0.01);
    private static final AtomicInteger NAMES = new AtomicInteger();

    final StepFunctionsEngine engine;

    LocalSfn(LambdaInvoker lambda) {
        this(lambda, FAST);
    }

    LocalSfn(LambdaInvoker lambda, TimeScale scale) {
        this(lambda, scale, EngineSettings.defaults().withTimeScale(scale));
    }

    LocalSfn(LambdaInvoker lambda, TimeScale scale, EngineSettings settings) {
        engine = new StepFunctionsEngine(settings.withTimeScale(scale), lambda, () -> null);
    }

    static LambdaInvoker noLambda() {
        return (name, payload) -> {
            throw new LambdaInvocationException(LambdaInvocationException.FUNCTION_NOT_FOUND, "no function " + name);
        };
    }

    Execution run(String definition, String input) throws SfnException {
        String arn = engine.register("machine-" + NAMES.incrementAndGet(), definition, Map.of()).arn();
        Execution execution = engine.startExecution(arn, null, input);
        Execution done = engine.awaitCompletion(execution.arn(), Duration.ofSeconds(20));
        assertNotEquals(ExecutionStatus.RUNNING, done.status(), "the execution did not finish in 20 s");
        return done;
    }

    static JsonNode output(Execution execution) {
        return Json.parse(execution.output());
    }

    static List<String> eventTypes(Execution execution) {
        return execution.history().events().stream().map(HistoryEvent::type).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
