package com.billrun.local;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.AwsTarget;
import com.billrun.local.aws.QueueSpec;
import com.billrun.local.aws.Queues.CreatedQueue;
import com.billrun.local.aws.Queues;
import com.billrun.local.events.EventRule;
import com.billrun.local.events.LocalEventBus;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.http.Route;
import com.billrun.local.lambda.BatchOutcome;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.lambda.LocalLogs;
import com.billrun.local.lambda.SqsEventSourcePoller;
import com.billrun.local.lambda.SqsTrigger;
import com.billrun.local.sfn.EngineSettings;
import com.billrun.local.sfn.LocalStepFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local twin of template.yaml's resources on one {@link AwsTarget}: tables, queues with DLQs, functions
 * (each with the stack's environment, the template's {@code Globals} and its own variables), SQS triggers, the HTTP
 * API routes and the EventBridge rules that target functions (on {@link #events()}, the default bus). {@link LocalFunctions} is where Billrun declares them.
 */
public final class LocalRuntime implements AutoCloseable {

    /** Tells Billrun's API that schedules are fired locally ({@code local}), not by EventBridge Scheduler. */
    public static final String SCHEDULER_MODE = "SCHEDULER_MODE";

    private final AwsTarget target;
    private final Map<String, String> globals = new LinkedHashMap<>();
    /** Local values that win over a function's own (template.yaml says how AWS does it; here it is done locally). */
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final LambdaRunner runner;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final List<SqsEventSourcePoller> pollers = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final LocalEventBus events;
    private Consumer<BatchOutcome> batchListener = outcome -> { };
    private LocalHttpApi api;
    private LocalStepFunctions stepFunctions;

    /** The functions' warnings and errors printed, readable (the demo, the benches, the tests). */
    public LocalRuntime(AwsTarget target) {
        this(target, LocalLogs.errorsOnly());
    }

    /** The functions' log lines (and the HTTP API's requests) go to {@code logs}, in its form. */
    public LocalRuntime(AwsTarget target, LocalLogs logs) {
        this.target = target;
        this.runner = new LambdaRunner(region(), accountId(), logs);
        this.events = new LocalEventBus(runner, Duration.ofMillis(200));
        this.dynamoDb = AwsClients.dynamoDb(target.env());
        this.sqs = AwsClients.sqs(target.env());
        // No EventBridge Scheduler here: the functions keep schedules for the local scheduler (ServeExtension) to fire.
        overrides.put(SCHEDULER_MODE, "local");
    }

    public String region() {
        return target.env().getOrDefault(AwsClients.REGION, "us-east-1");
    }

    /** LocalStack and the embedded stand-ins both use the well-known local account. */
    public String accountId() {
        return "000000000000";
    }

    public AwsTarget target() {
        return target;
    }

    /** A variable every function gets, like template.yaml's {@code Globals.Function.Environment} (e.g. TABLE_NAME). */
    public LocalRuntime global(String name, String value) {
        globals.put(name, value);
        return this;
    }

    /**
     * The environment a function sees: the stand-ins' endpoints and credentials, the globals, then its own, then
     * the local overrides (e.g. {@code SCHEDULER_MODE=local}, where template.yaml says {@code eventbridge}).
     */
    public Map<String, String> functionEnv(Map<String, String> own) {
        Map<String, String> env = new LinkedHashMap<>(target.env());
        env.putAll(globals);
        env.putAll(own);
        env.putAll(overrides);
        return env;
    }

    public void table(CreateTableRequest request) {
        try {
            dynamoDb.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            return; // a table kept on disk (-dbPath) from an earlier run
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
    }

    public CreatedQueue queue(QueueSpec spec) {
        return Queues.create(sqs, spec);
    }

    public LocalRuntime function(String name, Class<?> handler, Map<String, String> ownEnv, Duration timeout, int memoryMb) {
        runner.register(new FunctionSpec(name, handler, functionEnv(ownEnv), timeout, memoryMb));
        return this;
    }

    /** Lambda's SQS event source mapping with {@code ReportBatchItemFailures}, as every Billrun consumer has it. */
    public LocalRuntime sqsTrigger(String functionName, CreatedQueue queue, int batchSize, Duration maxBatchingWindow) {
        return sqsTrigger(functionName, queue, batchSize, maxBatchingWindow, true);
    }

    public LocalRuntime sqsTrigger(String functionName, CreatedQueue queue, int batchSize, Duration maxBatchingWindow,
                                   boolean reportBatchItemFailures) {
        return sqsTrigger(new SqsTrigger(functionName, queue.url(), queue.arn(), batchSize, maxBatchingWindow,
                reportBatchItemFailures, 1));
    }

    public LocalRuntime sqsTrigger(SqsTrigger trigger) {
        pollers.add(new SqsEventSourcePoller(runner, sqs, trigger,
                runner.spec(trigger.functionName()).env().getOrDefault(AwsClients.REGION, "us-east-1"),
                outcome -> batchListener.accept(outcome)).start());
        return this;
    }

    /** An EventBridge rule on the default bus whose targets are functions of this runtime. */
    public LocalRuntime eventRule(EventRule rule) {
        rule.targetFunctions().forEach(runner::spec);
        events.rule(rule);
        return this;
    }

    /** The default event bus: the local Step Functions publish their execution status changes here. */
    public LocalEventBus events() {
        return events;
    }

    public LocalRuntime route(Route route) {
        runner.spec(route.functionName());
        routes.add(route);
        if (api != null) {
            api.route(route);
        }
        return this;
    }

    /** Starts the HTTP API on 127.0.0.1 (port 0: a free one) with the routes declared so far and later. */
    public LocalHttpApi startHttpApi(JwtAuthorizer authorizer, int port) {
        api = LocalHttpApi.start(runner, authorizer, port);
        routes.forEach(api::route);
        return api;
    }

    /**
     * Starts the local Step Functions engine and API (Lambda tasks on this runner, SQS tasks on this target) and
     * gives every function registered afterwards its endpoint, as {@code AWS_ENDPOINT_URL_SFN}.
     */
    public LocalStepFunctions startStepFunctions() {
        if (stepFunctions == null) {
            try {
                stepFunctions = LocalStepFunctions.start(EngineSettings.defaults().withRegion(region(), accountId()),
                        new RunnerLambdaInvoker(runner), () -> sqs, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local Step Functions API", e);
            }
            global(AwsClients.ENDPOINT_SFN, stepFunctions.url().toString());
            stepFunctions.engine().onStatusChange(events::publish);
        }
        return stepFunctions;
    }

    public void onBatch(Consumer<BatchOutcome> listener) {
        this.batchListener = listener;
    }

    public LambdaRunner runner() {
        return runner;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        pollers.forEach(SqsEventSourcePoller::close);
        events.close();
        if (stepFunctions != null) {
            stepFunctions.close();
        }
        runner.close();
        sqs.close();
        dynamoDb.close();
    }
}
