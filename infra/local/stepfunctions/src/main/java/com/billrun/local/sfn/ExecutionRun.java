package com.billrun.local.sfn;

import com.billrun.local.sfn.execution.Cancelled;
import com.billrun.local.sfn.execution.EngineServices;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.Interpreter;
import com.billrun.local.sfn.execution.Lane;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/** Runs one execution on the engine's executor, within the bound on concurrent executions. */
final class ExecutionRun {
    private ExecutionRun() {
    }

    /** {@code slots} null: a Distributed Map's child, which takes no place among the concurrent executions. */
    static void start(Execution execution, JsonNode input, EngineServices services, ExecutorService runner, Semaphore slots) {
        ObjectNode details = Json.object().put("input", execution.input()).put("roleArn", execution.stateMachine().roleArn());
        details.putObject("inputDetails").put("truncated", false);
        Lane lane = new Lane(execution.history(), 0);
        lane.add("ExecutionStarted", "executionStartedEventDetails", details);
        runner.execute(() -> run(execution, input, services, slots, lane));
    }

    private static void run(Execution execution, JsonNode input, EngineServices services, Semaphore slots, Lane lane) {
        Thread self = Thread.currentThread();
        execution.track(self);
        try {
            if (slots != null) {
                slots.acquire();
            }
        } catch (InterruptedException e) {
            execution.untrack(self);
            return;
        }
        try {
            JsonNode output = new Interpreter(services, execution, input)
                    .run(execution.stateMachine().definition().graph(), input, lane);
            execution.succeed(Json.write(output), lane);
        } catch (StatesError e) {
            execution.fail(e.error(), e.errorCause(), lane);
        } catch (Cancelled e) {
            // Stopped or timed out: stop() already recorded the final status and event.
        } catch (RuntimeException e) {
            execution.fail(StatesError.RUNTIME, "Internal error of the local engine: " + e, lane);
        } finally {
            execution.untrack(self);
            if (slots != null) {
                slots.release();
            }
            Thread.interrupted();
        }
    }
}
