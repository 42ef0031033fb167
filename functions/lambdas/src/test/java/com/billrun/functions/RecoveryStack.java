package com.billrun.functions;

import com.billrun.aws.AwsClients;
import com.billrun.functions.reconcile.UnfinishedRuns;
import com.billrun.local.LocalFunctions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ProjectRoot;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.lambda.Invocation;
import com.billrun.local.sfn.EngineSettings;
import com.billrun.local.sfn.LambdaInvocationException;
import com.billrun.local.sfn.LambdaInvoker;
import com.billrun.local.sfn.LocalStepFunctions;
import com.billrun.local.sfn.TimeScale;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.template.SamTemplate;
import com.billrun.local.template.TemplateWiring;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.ResumeUnfinishedRuns;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole Billrun on the embedded stack whose DynamoDB lives on disk ({@code dataDir}), as {@code ./billrun serve
 * --data DIR} runs it, with two holds to stop a run in the middle: {@link #holdBatches} (every invoice-worker poller
 * stops after the batch it just finished, so the Map's next batches stay queued) and {@link #holdPostAfterCalls}
 * (the state machines' next call of PostFunction waits: the post's PostStart, its lanes' and its PostPage
 * loop's calls alike, counted in {@link #postCalls}). PostFunction gets a 30 s timeout, so each of its invocations
 * that posts posts exactly one page. {@link #crash} is the in-process equivalent of killing the process: the
 * pollers die where they are, the executions die without a status change event, and the queues (in memory) are
 * lost; only the table survives. {@link #resumeUnfinished} is what {@code serve} does at start.
 */
final class RecoveryStack implements AutoCloseable {

    private static final Path ROOT = ProjectRoot.find().orElseThrow();

    /** Thrown on a held poller thread when the stack "crashes": the thread dies where it is, silently. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    final EmbeddedAws stack;
    final LocalRuntime runtime;
    final LocalStepFunctions stepFunctions;
    final TemplateWiring.Result wired;
    final LocalHttpApi api;
    final BillrunStore store;
    final DevTokens tokens = DevTokens.ephemeral();
    private final HttpClient http = HttpClient.newHttpClient();
    final AtomicInteger batchesDone = new AtomicInteger();
    final AtomicInteger postCalls = new AtomicInteger();
    /** The payload of every call of PostFunction by the state machines, in the order they came. */
    final List<JsonNode> postPayloads = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch batchHold;
    private volatile CountDownLatch postHold;
    private volatile int postCallsAllowed = Integer.MAX_VALUE;
    private volatile boolean crashing;
    private boolean closed;

    private RecoveryStack(Path dataDir, int accountBatchSize, int historyEventLimit, Map<String, Object> parameters)
            throws IOException {
        stack = EmbeddedAws.start(Optional.of(dataDir));
        runtime = new LocalRuntime(stack);
        stepFunctions = LocalStepFunctions.start(EngineSettings.defaults()
                        .withRegion(runtime.region(), runtime.accountId()).withTimeScale(new TimeScale(0.05))
                        .withHistoryEventLimit(historyEventLimit),
                this::invoke, runtime::sqs, 0);
        runtime.global(AwsClients.ENDPOINT_SFN, stepFunctions.url().toString());
        stepFunctions.engine().onStatusChange(runtime.events()::publish);
        runtime.onBatch(outcome -> {
            batchesDone.incrementAndGet();
            awaitHold(batchHold);
        });
        String yaml = Files.readString(ROOT.resolve("template.yaml"), StandardCharsets.UTF_8);
        Map<String, Object> all = new HashMap<>(LocalFunctions.LOCAL_PARAMETERS);
        all.put("AccountBatchSize", accountBatchSize);
        all.putAll(parameters);
        wired = TemplateWiring.apply(runtime, SamTemplate.parse(yaml.replace("      Timeout: 900\n", "      Timeout: 30\n")),
                all);
        for (TemplateWiring.StateMachine machine : wired.stateMachines()) {
            stepFunctions.create(machine.logicalId(), ROOT.resolve(machine.definitionUri()), machine.substitutions());
        }
        api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
        store = BillrunStore.of(runtime.dynamoDb(), wired.tables().get("BillrunTable"));
    }

    static RecoveryStack start(Path dataDir, int accountBatchSize) {
        return start(dataDir, accountBatchSize, EngineSettings.defaults().historyEventLimit());
    }

    /** With the engine's history quota lowered from AWS's 25,000 events per execution to {@code historyEventLimit}. */
    static RecoveryStack start(Path dataDir, int accountBatchSize, int historyEventLimit) {
        return start(dataDir, accountBatchSize, historyEventLimit, Map.of());
    }

    /** With some of template.yaml's parameters set over the local ones (e.g. {@code PostLanes}). */
    static RecoveryStack start(Path dataDir, int accountBatchSize, Map<String, Object> parameters) {
        return start(dataDir, accountBatchSize, EngineSettings.defaults().historyEventLimit(), parameters);
    }

    private static RecoveryStack start(Path dataDir, int accountBatchSize, int historyEventLimit, Map<String, Object> parameters) {
        try {
            return new RecoveryStack(dataDir, accountBatchSize, historyEventLimit, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on every invoice-worker poller stops after its current batch, until {@link #releaseBatches}. */
    void holdBatches() {
        batchHold = new CountDownLatch(1);
    }

    void releaseBatches() {
        CountDownLatch hold = batchHold;
        batchHold = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The state machines' calls of PostFunction after the first {@code calls} wait, until released or stopped. */
    void holdPostAfterCalls(int calls) {
        postHold = new CountDownLatch(1);
        postCallsAllowed = calls;
    }

    void releasePost() {
        CountDownLatch hold = postHold;
        postHold = null;
        postCallsAllowed = Integer.MAX_VALUE;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Kills the stack as a crashed process would leave it: the table on disk survives, nothing else. */
    void crash() {
        crashing = true;
        closed = true;
        stepFunctions.close(); // first: the executions die (no event), a held post call is interrupted mid-way
        releaseBatches();
        releasePost();
        api.close();
        runtime.close();
        stack.close();
    }

    /** What {@code ./billrun serve} does once the template is up again. */
    List<ResumeUnfinishedRuns.Resumed> resumeUnfinished() {
        return UnfinishedRuns.fromEnv(runtime.runner().spec("ReconcileFunction").env()).resumeAll();
    }

    String token(String tenant, String email, String... scopes) {
        return tokens.issue(tenant, email, List.of(scopes));
    }

    HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("authorization", "Bearer " + token);
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(ApiContract.Intent.VALID, method, path, sent.headers().map(),
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), response.statusCode(),
                    response.headers().map(), response.body().getBytes(StandardCharsets.UTF_8));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String executionArn(String stateMachineLogicalId, String name) {
        return wired.stateMachines().stream().filter(m -> m.logicalId().equals(stateMachineLogicalId)).findFirst()
                .orElseThrow().arn().replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** Waits for execution {@code name} to exist and finish. */
    Execution awaitExecution(String stateMachineLogicalId, String name, Duration patience) throws Exception {
        String arn = executionArn(stateMachineLogicalId, name);
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                return stepFunctions.engine().awaitCompletion(arn, Duration.between(Instant.now(), deadline));
            } catch (com.billrun.local.sfn.SfnException notYetStarted) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYetStarted;
                }
                Thread.sleep(50);
            }
        }
    }

    static JsonNode json(String text) {
        return LocalBillrun.json(text);
    }

    private void awaitHold(CountDownLatch hold) {
        if (hold == null) {
            return;
        }
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (crashing) {
            Thread.currentThread().setUncaughtExceptionHandler((thread, crash) -> { });
            throw new SimulatedCrash();
        }
    }

    private JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaInvocationException {
        String functionName = LambdaInvoker.functionName(functionNameOrArn);
        if (functionName.equals("PostFunction")) {
            postPayloads.add(payload);
        }
        if (functionName.equals("PostFunction") && postCalls.incrementAndGet() > postCallsAllowed) {
            CountDownLatch hold = postHold;
            try {
                if (hold != null && !hold.await(5, TimeUnit.MINUTES)) {
                    throw new LambdaInvocationException(LambdaInvocationException.UNKNOWN, "held too long");
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new LambdaInvocationException(LambdaInvocationException.UNKNOWN, "the execution was stopped");
            }
            if (crashing) {
                throw new LambdaInvocationException(LambdaInvocationException.UNKNOWN, "the process died");
            }
        }
        Invocation invocation = runtime.runner().invoke(functionName, payload.toString());
        if (invocation.failed()) {
            var error = invocation.error().orElseThrow();
            throw new LambdaInvocationException(error.errorType(), error.errorMessage());
        }
        return LocalBillrun.json(invocation.payloadText());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        runtime.close();
        stepFunctions.close();
        stack.close();
    }
}
