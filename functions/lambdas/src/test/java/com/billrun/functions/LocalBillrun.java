package com.billrun.functions;

import com.billrun.aws.AwsClients;
import com.billrun.local.LocalFunctions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ProjectRoot;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.lambda.Invocation;
import com.billrun.local.lambda.LocalLogs;
import com.billrun.local.sfn.EngineSettings;
import com.billrun.local.sfn.LambdaInvocationException;
import com.billrun.local.sfn.LambdaInvoker;
import com.billrun.local.sfn.LocalStepFunctions;
import com.billrun.local.sfn.TimeScale;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.template.SamTemplate;
import com.billrun.local.template.TemplateWiring;
import com.billrun.store.BillrunStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The whole of Billrun on the embedded local stack, once per test JVM: template.yaml's table, queues and
 * functions (the real handlers, by class name), both state machines on the local Step Functions (a definition
 * second lasts 10 ms), the HTTP API behind the dev-token JWT authorizer, and the SES stand-in's mailbox. Tests
 * share it and keep apart by tenant.
 */
public final class LocalBillrun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ProjectRoot.find().orElseThrow();
    private static LocalBillrun instance;

    private final EmbeddedAws stack;
    private final LocalRuntime runtime;
    private final LocalStepFunctions stepFunctions;
    private final TemplateWiring.Result wired;
    private final LocalHttpApi api;
    private final DevTokens tokens = DevTokens.ephemeral();
    private final HttpClient http = HttpClient.newHttpClient();
    private final BillrunStore store;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
    /** The SQS client the local Step Functions sends with: a gated tenant's messages wait for a permit. */
    private final SqsClient gatedSqs;
    private final CapturedLogs logs = new CapturedLogs();

    /** A Lambda error the state machine gets instead of calling the function (an outage it cannot tell apart). */
    public record Fault(String functionName, String errorType, String errorMessage) {
    }

    private LocalBillrun() throws IOException {
        stack = EmbeddedAws.start();
        // The functions' log lines as JSON, as on AWS, kept for the tests to read back (LogsAndMetricsTest).
        runtime = new LocalRuntime(stack, new LocalLogs(logs.stream(), LocalLogs.Format.JSON));
        gatedSqs = new GatedSqs(runtime.sqs());
        // A twentieth of real time: retries wait under a second, while HeartbeatSeconds 900 still leaves a batch 45 real
        // seconds between heartbeats (the worker sends one a minute at most), enough on a machine under heavy load.
        stepFunctions = LocalStepFunctions.start(EngineSettings.defaults()
                        .withRegion(runtime.region(), runtime.accountId()).withTimeScale(new TimeScale(0.05)),
                this::invoke, () -> gatedSqs, 0);
        runtime.global(AwsClients.ENDPOINT_SFN, stepFunctions.url().toString());
        // Step Functions' execution status changes go to the default bus, where template.yaml's rules pick them up.
        stepFunctions.engine().onStatusChange(runtime.events()::publish);
        wired = TemplateWiring.apply(runtime, SamTemplate.load(ROOT.resolve("template.yaml")), LocalFunctions.LOCAL_PARAMETERS);
        for (TemplateWiring.StateMachine machine : wired.stateMachines()) {
            stepFunctions.create(machine.logicalId(), ROOT.resolve(machine.definitionUri()), machine.substitutions());
        }
        api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
        store = BillrunStore.of(runtime.dynamoDb(), wired.tables().get("BillrunTable"));
    }

    public static synchronized LocalBillrun get() {
        if (instance == null) {
            try {
                instance = new LocalBillrun();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    public BillrunStore store() {
        return store;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    /** Every log line the functions and the HTTP API printed so far, in order (JSON lines). */
    public List<String> logLines() {
        return logs.lines();
    }

    public EmbeddedAws stack() {
        return stack;
    }

    public TemplateWiring.Result wired() {
        return wired;
    }

    /** Invokes a function of template.yaml (by logical id) as Lambda would, with a JSON event. */
    public Invocation invokeFunction(String logicalId, String event) {
        return runtime.runner().invoke(logicalId, event);
    }

    /** The dev-token issuer the HTTP API's authorizer trusts (tests sign tokens with a wrong audience, issuer or expiry). */
    public DevTokens devTokens() {
        return tokens;
    }

    public String token(String tenant, String email, String... scopes) {
        return tokens.issue(tenant, email, List.of(scopes));
    }

    /** A request a client following infra/openapi.yaml may send; it and its answer are validated against the spec. */
    public HttpResponse<String> call(String method, String path, String token, String body) {
        return call(ApiContract.Intent.VALID, method, path, token, body);
    }

    /** A request the test means as {@code intent} (e.g. OFF_SPEC: off the spec on purpose, only its answer validated). */
    public HttpResponse<String> call(ApiContract.Intent intent, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(intent, method, path, sent.headers().map(), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    response.statusCode(), response.headers().map(), response.body().getBytes(StandardCharsets.UTF_8));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String stateMachineArn(String logicalId) {
        return wired.stateMachines().stream().filter(m -> m.logicalId().equals(logicalId)).findFirst().orElseThrow().arn();
    }

    /** Waits for execution {@code name} of the state machine to finish (or the patience to run out). */
    public Execution awaitExecution(String stateMachineLogicalId, String name, Duration patience) throws Exception {
        String arn = stateMachineArn(stateMachineLogicalId).replace(":stateMachine:", ":execution:") + ":" + name;
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

    /** The emails the SES stand-in captured that match, once at least {@code count} are there. */
    public List<SentEmail> awaitEmails(Predicate<SentEmail> matching, int count, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        List<SentEmail> found;
        do {
            found = stack.mailbox().sentEmails().stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    public List<SentEmail> emailsTo(String recipient) {
        return stack.mailbox().sentEmails().stream().filter(email -> email.to().contains(recipient)).toList();
    }

    public URI apiUrl() {
        return api.url();
    }

    /**
     * From now on, the state machines' calls of {@code fault.functionName()} for this tenant's runs fail with the
     * fault's error, as Lambda reports a function whose DynamoDB is unreachable; other tenants are not affected.
     */
    public void injectFault(String tenantId, Fault fault) {
        faults.put(tenantId, fault);
    }

    /**
     * From now on, the messages the state machines send to SQS for this tenant's runs (the invoice batches) wait
     * until {@link #release} lets them through, one permit each: a test can hold a run between two batches, as a
     * slow queue would, without a timing guess. {@link #openGate} lets everything through again.
     */
    public void closeGate(String tenantId) {
        gates.put(tenantId, new Semaphore(0));
    }

    public void release(String tenantId, int messages) {
        gates.get(tenantId).release(messages);
    }

    public void openGate(String tenantId) {
        Semaphore gate = gates.remove(tenantId);
        if (gate != null) {
            gate.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Delegates to the stand-in's client; a send for a gated tenant first takes a permit. */
    private final class GatedSqs implements SqsClient {

        private final SqsClient delegate;

        GatedSqs(SqsClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            Semaphore gate = gates.get(json(request.messageBody()).path("tenantId").asText());
            if (gate != null) {
                try {
                    gate.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.sendMessage(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            // the runtime closes its client
        }
    }

    /** The local Step Functions calls the in-process functions by name, as Lambda's Invoke API would. */
    private JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaInvocationException {
        String functionName = LambdaInvoker.functionName(functionNameOrArn);
        Fault fault = faults.get(payload.path("tenantId").asText());
        if (fault != null && fault.functionName().equals(functionName)) {
            throw new LambdaInvocationException(fault.errorType(), fault.errorMessage());
        }
        Invocation invocation;
        try {
            invocation = runtime.runner().invoke(functionName, payload.toString());
        } catch (IllegalArgumentException unknown) {
            throw new LambdaInvocationException(LambdaInvocationException.FUNCTION_NOT_FOUND, unknown.getMessage());
        }
        if (invocation.failed()) {
            var error = invocation.error().orElseThrow();
            throw new LambdaInvocationException(error.errorType(), error.errorMessage());
        }
        return json(invocation.payloadText());
    }

    private void close() {
        api.close();
        runtime.close();
        stepFunctions.close();
        stack.close();
    }
}
