package com.billrun.local.lambda;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.billrun.local.sfn.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs Lambda functions in this JVM. Each registered function gets "containers": handler instances built once
 * through their {@code Map<String,String>} constructor and reused across invocations, one invocation at a time
 * each, as Lambda does; concurrent invocations get extra containers. A timed-out container is thrown away
 * (Lambda resets the sandbox after a timeout).
 */
public final class LambdaRunner implements AutoCloseable {

    private final String region;
    private final String accountId;
    private final LocalLogs logs;
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final ExecutorService invocations = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lambda-invocation");
        thread.setDaemon(true);
        return thread;
    });

    public LambdaRunner(String region, String accountId, LocalLogs logs) {
        this.region = region;
        this.accountId = accountId;
        this.logs = logs;
    }

    /** The functions' warnings and errors, readable, on {@code logs}. */
    public LambdaRunner(String region, String accountId, PrintStream logs) {
        this(region, accountId, new LocalLogs(logs, LocalLogs.Format.ERRORS));
    }

    public LambdaRunner(String region, String accountId) {
        this(region, accountId, LocalLogs.errorsOnly());
    }

    /** Where the functions' lines (and the HTTP API's) are printed. */
    public LocalLogs logs() {
        return logs;
    }

    private record Function(FunctionSpec spec, HandlerAdapter adapter, ConcurrentLinkedDeque<Object> idleContainers,
                            LongAdder invocations, LongAdder billedMillis) {

        /** The function's env as Lambda gives it: with its name and memory size among the reserved variables. */
        Object newContainer() {
            Map<String, String> env = new HashMap<>(spec.env());
            env.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", spec.name());
            env.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
            return adapter.newInstance(Map.copyOf(env));
        }
    }

    /**
     * One function's invocations since it was registered and their durations summed as Lambda bills them (each
     * rounded up to the millisecond), with its memory size: what GB-seconds are made of.
     */
    public record InvocationTotals(String function, int memoryMb, long invocations, long billedMillis) {

        public double gbSeconds() {
            return memoryMb / 1024.0 * billedMillis / 1000.0;
        }
    }

    /** Every registered function's {@link InvocationTotals} so far, by name. */
    public Map<String, InvocationTotals> invocationTotals() {
        Map<String, InvocationTotals> totals = new TreeMap<>();
        functions.forEach((name, f) -> totals.put(name,
                new InvocationTotals(name, f.spec().memoryMb(), f.invocations().sum(), f.billedMillis().sum())));
        return totals;
    }

    /** Builds the first container right away, so a broken constructor fails at start-up, not at the first event. */
    public void register(FunctionSpec spec) {
        HandlerAdapter adapter = HandlerAdapter.of(spec.handlerClass());
        var function = new Function(spec, adapter, new ConcurrentLinkedDeque<>(), new LongAdder(), new LongAdder());
        function.idleContainers().push(function.newContainer());
        if (functions.putIfAbsent(spec.name(), function) != null) {
            throw new IllegalArgumentException("function already registered: " + spec.name());
        }
    }

    public Set<String> functionNames() {
        return Set.copyOf(functions.keySet());
    }

    public FunctionSpec spec(String functionName) {
        return function(functionName).spec();
    }

    /** {@code functionName} may also be the function's ARN, with or without an alias. */
    public Invocation invoke(String functionName, String json) {
        return invoke(functionName, json.getBytes(StandardCharsets.UTF_8));
    }

    public Invocation invoke(String functionName, byte[] payload) {
        Function function = function(functionName);
        String requestId = UUID.randomUUID().toString();
        Object container = Optional.ofNullable(function.idleContainers().poll())
                .orElseGet(function::newContainer);
        var context = LocalContext.start(requestId, function.spec(), region, accountId,
                logs.logger(function.spec().name(), requestId));
        long started = System.nanoTime();
        Future<byte[]> running = invocations.submit(() -> {
            long began = System.nanoTime();
            try {
                return function.adapter().invoke(container, payload, context);
            } finally {
                function.invocations().increment();
                function.billedMillis().add((System.nanoTime() - began + 999_999) / 1_000_000);
            }
        });
        try {
            byte[] response = running.get(function.spec().timeout().toNanos(), TimeUnit.NANOSECONDS);
            function.idleContainers().push(container);
            return new Invocation(requestId, response, Optional.empty(), since(started));
        } catch (ExecutionException e) {
            function.idleContainers().push(container);
            LambdaError error = LambdaError.of(e.getCause());
            context.getLogger().log(error.errorType() + ": " + error.errorMessage(), LogLevel.ERROR);
            return failure(requestId, error, started);
        } catch (TimeoutException e) {
            running.cancel(true);
            LambdaError error = LambdaError.timeout(requestId, function.spec().timeout());
            context.getLogger().log(error.errorMessage(), LogLevel.ERROR);
            return failure(requestId, error, started);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return failure(requestId, LambdaError.of(e), started);
        }
    }

    private static Invocation failure(String requestId, LambdaError error, long started) {
        String payload = Json.write(Json.object().put("errorType", error.errorType()).put("errorMessage", error.errorMessage()));
        return new Invocation(requestId, payload.getBytes(StandardCharsets.UTF_8), Optional.of(error), since(started));
    }

    /**
     * By name or by ARN ({@code arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]}), as
     * Step Functions task states name their functions.
     */
    public static String functionName(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String[] parts = nameOrArn.split(":");
        if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
            throw new IllegalArgumentException("not a Lambda function ARN: " + nameOrArn);
        }
        return parts[6];
    }

    private Function function(String nameOrArn) {
        String name = functionName(nameOrArn);
        Function function = functions.get(name);
        if (function == null) {
            throw new IllegalArgumentException("no function named " + name + "; registered: " + functions.keySet());
        }
        return function;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        invocations.shutdownNow();
    }
}
