package com.billrun.local.sfn;

import com.billrun.local.sfn.definition.DefinitionException;
import com.billrun.local.sfn.definition.DefinitionLoader;
import com.billrun.local.sfn.definition.StateMachineDefinition;
import com.billrun.local.sfn.execution.EngineServices;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.local.sfn.execution.History;
import com.billrun.local.sfn.execution.RegisteredStateMachine;
import com.billrun.local.sfn.execution.TaskTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local Step Functions: registers state machines from their ASL definitions and runs executions of them.
 * {@link com.billrun.local.sfn.api.SfnApiServer} serves it over the Step Functions API.
 */
public final class StepFunctionsEngine implements AutoCloseable {
    /** "1–80 characters; no whitespace, brackets, wildcards, special characters or control characters" (StartExecution). */
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:]+)");
    private static final Pattern VALID_NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    private final EngineSettings settings;
    private final EngineServices services;
    private final Map<String, RegisteredStateMachine> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Semaphore executionSlots;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sfn-execution-", 0).factory());
    private volatile Consumer<ObjectNode> statusChanges = event -> { };
    private volatile boolean closing;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("sfn-execution-timeouts").daemon(true).factory());

    public StepFunctionsEngine(EngineSettings settings, LambdaInvoker lambda, Supplier<SqsClient> sqs) {
        this.settings = settings;
        this.services = new EngineServices(lambda, sqs, new TaskTokens(), settings.timeScale(), settings.clock(),
                settings.region(), settings.inlineMapConcurrencyLimit(), new LongAdder(), this::startChild);
        this.executionSlots = new Semaphore(settings.maxConcurrentExecutions());
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * The state transitions since the engine started, over every execution (Distributed Map children included), as
     * AWS bills Standard workflows: "Step Functions counts a state transition each time a step of your workflow is
     * executed ... including retries" (https://aws.amazon.com/step-functions/pricing/). Here: one per state entered
     * and one per retry.
     */
    public long stateTransitions() {
        return services.stateTransitions().sum();
    }

    /**
     * Where the "Step Functions Execution Status Change" events go ({@link ExecutionStatusEvents}): one when an
     * execution starts and one when it ends, as Standard workflows send them to EventBridge. The listener is called on
     * the engine's threads and must not block (the local runtime's event bus hands them to its own threads). Closing
     * the engine sends nothing: executions that die with the process send no event on AWS either.
     */
    public void onStatusChange(Consumer<ObjectNode> listener) {
        this.statusChanges = listener;
    }

    private void publish(Execution execution) {
        if (closing) {
            return;
        }
        try {
            statusChanges.accept(ExecutionStatusEvents.of(execution, settings.clock().instant()));
        } catch (RuntimeException e) {
            System.err.println("local step functions: the status change event of " + execution.arn() + " was not delivered: " + e);
        }
    }

    /**
     * Creates or replaces a state machine from its definition text, applying {@code substitutions} to its
     * {@code ${Name}} placeholders as the template's DefinitionSubstitutions do.
     *
     * @param nameOrArn a name (the ARN is built from the settings' region and account) or the full ARN the
     *                  functions will be given, e.g. {@code arn:aws:states:us-east-1:123456789012:stateMachine:BillRun}
     * @throws DefinitionException naming the state and field the engine cannot run
     */
    public RegisteredStateMachine register(String nameOrArn, String definition, Map<String, String> substitutions) {
        return register(nameOrArn, definition, substitutions, null);
    }

    /**
     * As {@link #register(String, String, Map)}, with the role CreateStateMachine was given: it is what
     * DescribeStateMachine, {@code $$.Execution.RoleArn} and the ExecutionStarted event show. Without one (a state
     * machine registered from a file) the engine names a role after the state machine.
     */
    public RegisteredStateMachine register(String nameOrArn, String definition, Map<String, String> substitutions,
                                           String roleArn) {
        Matcher givenArn = STATE_MACHINE_ARN.matcher(nameOrArn);
        String name = givenArn.matches() ? givenArn.group(3) : nameOrArn;
        if (!VALID_NAME.matcher(name).matches()) {
            throw new DefinitionException("Invalid state machine name '" + name + "'");
        }
        String account = givenArn.matches() ? givenArn.group(2) : settings.accountId();
        String arn = givenArn.matches() ? nameOrArn
                : "arn:aws:states:" + settings.region() + ":" + settings.accountId() + ":stateMachine:" + name;
        StateMachineDefinition loaded = DefinitionLoader.load(definition, substitutions);
        RegisteredStateMachine machine = new RegisteredStateMachine(name, arn, loaded,
                roleArn != null ? roleArn : "arn:aws:iam::" + account + ":role/" + name + "-role", settings.clock().instant());
        stateMachines.put(arn, machine);
        return machine;
    }

    public RegisteredStateMachine register(String nameOrArn, Path definitionFile, Map<String, String> substitutions)
            throws IOException {
        return register(nameOrArn, Files.readString(definitionFile, StandardCharsets.UTF_8), substitutions);
    }

    public Optional<RegisteredStateMachine> stateMachine(String arn) {
        return Optional.ofNullable(stateMachines.get(arn));
    }

    public List<RegisteredStateMachine> stateMachines() {
        return stateMachines.values().stream().sorted(Comparator.comparing(RegisteredStateMachine::name)).toList();
    }

    public boolean deleteStateMachine(String arn) {
        return stateMachines.remove(arn) != null;
    }

    /**
     * StartExecution. A name already used by this state machine is ExecutionAlreadyExists, except that the same
     * name and input of a still-running execution returns it ("idempotent ... for Standard workflows").
     */
    public Execution startExecution(String stateMachineArn, String name, String input) throws SfnException {
        RegisteredStateMachine machine = stateMachines.get(stateMachineArn);
        if (machine == null) {
            throw new SfnException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        if (!VALID_NAME.matcher(executionName).matches()) {
            throw new SfnException("InvalidName", "Invalid Name: '" + executionName + "'");
        }
        String inputText = input == null ? "{}" : input;
        JsonNode inputJson = parseInput(inputText);
        String arn = machine.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
        Execution execution;
        synchronized (executions) {
            Execution existing = executions.get(arn);
            if (existing != null) {
                if (existing.isRunning() && existing.input().equals(inputText)) {
                    return existing;
                }
                throw new SfnException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            execution = register(arn, executionName, machine, inputText);
        }
        launch(execution, inputJson, executionSlots);
        return execution;
    }

    private Execution register(String arn, String executionName, RegisteredStateMachine machine, String inputText) {
        synchronized (executions) {
            Execution execution = new Execution(arn, executionName, machine, inputText,
                    new History(settings.historyEventLimit(), settings.clock()), settings.clock());
            executions.put(arn, execution);
            evictFinished();
            return execution;
        }
    }

    /**
     * A Distributed Map's child execution: registered and observable like any other, with its own history and
     * status change events, but run outside {@code maxConcurrentExecutions} (its parent holds a place and waits for
     * it; the Map Run's MaxConcurrency bounds the children).
     */
    private Execution startChild(RegisteredStateMachine childMachine, String name, JsonNode input) {
        String arn = childMachine.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + name;
        Execution execution = register(arn, name, childMachine, Json.write(input));
        launch(execution, input, null);
        return execution;
    }

    private void launch(Execution execution, JsonNode inputJson, Semaphore slots) {
        RegisteredStateMachine machine = execution.stateMachine();
        publish(execution);
        execution.completion().thenAccept(this::publish);
        ExecutionRun.start(execution, inputJson, services, runner, slots);
        Integer timeout = machine.definition().timeoutSeconds();
        if (timeout != null) {
            var timer = timeouts.schedule(() -> execution.stop(ExecutionStatus.TIMED_OUT, StatesError.TIMEOUT,
                    "The execution did not finish within its TimeoutSeconds (" + timeout + ")"),
                    settings.timeScale().of(timeout).toNanos(), TimeUnit.NANOSECONDS);
            execution.completion().thenRun(() -> timer.cancel(false));
        }
    }

    private static JsonNode parseInput(String input) throws SfnException {
        if (input.getBytes(StandardCharsets.UTF_8).length > 256 * 1024) {
            throw new SfnException("InvalidExecutionInput", "Execution input exceeds the 256 KiB quota");
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new SfnException("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
        }
    }

    /** Keeps memory bounded: beyond the retention, the oldest finished executions are forgotten. */
    private void evictFinished() {
        var iterator = executions.values().iterator();
        while (executions.size() > settings.retainedExecutions() && iterator.hasNext()) {
            if (!iterator.next().isRunning()) {
                iterator.remove();
            }
        }
    }

    public Execution execution(String arn) throws SfnException {
        synchronized (executions) {
            Execution execution = executions.get(arn);
            if (execution == null) {
                throw new SfnException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
            }
            return execution;
        }
    }

    /** The executions of a state machine, newest first (ListExecutions' order). */
    public List<Execution> executions(String stateMachineArn) {
        synchronized (executions) {
            List<Execution> found = new ArrayList<>();
            executions.values().stream().filter(e -> e.stateMachine().arn().equals(stateMachineArn)).forEach(found::add);
            return found.reversed();
        }
    }

    /** StopExecution: ABORTED, with the optional error and cause. Stopping a finished execution changes nothing. */
    public Execution stopExecution(String arn, String error, String cause) throws SfnException {
        Execution execution = execution(arn);
        execution.stop(ExecutionStatus.ABORTED, error, cause);
        return execution;
    }

    /** Waits for an execution to finish; for tests and the demo command. */
    public Execution awaitCompletion(String arn, Duration timeout) throws SfnException {
        Execution execution = execution(arn);
        try {
            return execution.completion().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return execution;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return execution;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public void sendTaskSuccess(String token, String output) throws SfnException {
        JsonNode json;
        try {
            json = Json.parse(output);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SfnException("InvalidOutput", "Invalid Output: the output is not valid JSON");
        }
        services.tokens().succeed(token, json);
    }

    /** SendTaskFailure; without an error name the task fails as States.TaskFailed. */
    public void sendTaskFailure(String token, String error, String cause) throws SfnException {
        services.tokens().fail(token, error == null ? StatesError.TASK_FAILED : error, cause);
    }

    public void sendTaskHeartbeat(String token) throws SfnException {
        services.tokens().heartbeat(token);
    }

    @Override
    public void close() {
        closing = true;
        synchronized (executions) {
            executions.values().forEach(e -> e.stop(ExecutionStatus.ABORTED, "Engine.Shutdown", "the local engine was closed"));
        }
        timeouts.shutdownNow();
        runner.shutdownNow();
    }
}
