package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution of a state machine: its status, result and history, and the threads that run it (so that
 * StopExecution and the execution timeout can interrupt them). Status moves once, from RUNNING to a final one.
 */
public final class Execution {
    private final String arn;
    private final String name;
    private final RegisteredStateMachine stateMachine;
    private final String input;
    private final Instant startDate;
    private final History history;
    private final Clock clock;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Execution> completion = new CompletableFuture<>();

    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;

    public Execution(String arn, String name, RegisteredStateMachine stateMachine, String input, History history, Clock clock) {
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.input = input;
        this.history = history;
        this.clock = clock;
        this.startDate = clock.instant();
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public RegisteredStateMachine stateMachine() {
        return stateMachine;
    }

    public String input() {
        return input;
    }

    public Instant startDate() {
        return startDate;
    }

    public History history() {
        return history;
    }

    public ExecutionStatus status() {
        return status;
    }

    public synchronized Instant stopDate() {
        return stopDate;
    }

    public synchronized String output() {
        return output;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String cause() {
        return cause;
    }

    public boolean isRunning() {
        return status == ExecutionStatus.RUNNING;
    }

    /** Called at every state transition and after every wake-up. */
    public void checkRunning() {
        if (!isRunning()) {
            throw new Cancelled("execution " + status);
        }
    }

    public void track(Thread thread) {
        threads.add(thread);
    }

    public void untrack(Thread thread) {
        threads.remove(thread);
    }

    public synchronized boolean succeed(String result, Lane lane) {
        if (!finish(ExecutionStatus.SUCCEEDED, null, null)) {
            return false;
        }
        output = result;
        ObjectNode details = Json.object().put("output", result);
        details.putObject("outputDetails").put("truncated", false);
        lane.add("ExecutionSucceeded", "executionSucceededEventDetails", details);
        completed();
        return true;
    }

    public synchronized boolean fail(String failure, String failureCause, Lane lane) {
        if (!finish(ExecutionStatus.FAILED, failure, failureCause)) {
            return false;
        }
        lane.add("ExecutionFailed", "executionFailedEventDetails", errorDetails(failure, failureCause));
        completed();
        return true;
    }

    /** StopExecution (ABORTED) or the top-level TimeoutSeconds (TIMED_OUT): ends the run and interrupts it. */
    public boolean stop(ExecutionStatus finalStatus, String failure, String failureCause) {
        synchronized (this) {
            if (!finish(finalStatus, failure, failureCause)) {
                return false;
            }
            String type = finalStatus == ExecutionStatus.TIMED_OUT ? "ExecutionTimedOut" : "ExecutionAborted";
            String key = finalStatus == ExecutionStatus.TIMED_OUT ? "executionTimedOutEventDetails" : "executionAbortedEventDetails";
            history.add(history.lastEventId(), type, key, errorDetails(failure, failureCause));
            completed();
        }
        threads.forEach(Thread::interrupt);
        return true;
    }

    private boolean finish(ExecutionStatus finalStatus, String failure, String failureCause) {
        if (status != ExecutionStatus.RUNNING) {
            return false;
        }
        status = finalStatus;
        stopDate = clock.instant();
        error = failure;
        cause = failureCause;
        return true;
    }

    /** Completes when the execution reaches its final status (after its closing event is recorded). */
    public CompletableFuture<Execution> completion() {
        return completion;
    }

    void completed() {
        completion.complete(this);
    }

    private static ObjectNode errorDetails(String failure, String failureCause) {
        ObjectNode details = Json.object();
        if (failure != null) {
            details.put("error", failure);
        }
        if (failureCause != null) {
            details.put("cause", failureCause);
        }
        return details;
    }
}
