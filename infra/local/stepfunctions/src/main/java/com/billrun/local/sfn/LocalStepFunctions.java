package com.billrun.local.sfn;

import com.billrun.local.sfn.api.SfnApiServer;
import com.billrun.local.sfn.execution.RegisteredStateMachine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local Step Functions as the local runtime uses it: the engine plus its API server on 127.0.0.1.
 * <pre>{@code
 * LocalStepFunctions sfn = LocalStepFunctions.start(EngineSettings.defaults(), lambdaInvoker, () -> sqsClient, 0);
 * runtime.global("AWS_ENDPOINT_URL_SFN", sfn.url().toString());
 * sfn.create(machine.arn(), root.resolve(machine.definitionUri()), machine.substitutions());
 * }</pre>
 */
public final class LocalStepFunctions implements AutoCloseable {
    private final StepFunctionsEngine engine;
    private final SfnApiServer api;

    private LocalStepFunctions(StepFunctionsEngine engine, SfnApiServer api) {
        this.engine = engine;
        this.api = api;
    }

    /** Starts the engine and its API; {@code port} 0 picks a free port. */
    public static LocalStepFunctions start(EngineSettings settings, LambdaInvoker lambda, Supplier<SqsClient> sqs, int port)
            throws IOException {
        StepFunctionsEngine engine = new StepFunctionsEngine(settings, lambda, sqs);
        try {
            return new LocalStepFunctions(engine, SfnApiServer.start(engine, port));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The endpoint for {@code AWS_ENDPOINT_URL_SFN}, e.g. http://127.0.0.1:40123 */
    public URI url() {
        return api.endpoint();
    }

    /** Registers a definition file under a name or a full state machine ARN, with its DefinitionSubstitutions. */
    public RegisteredStateMachine create(String nameOrArn, Path definitionFile, Map<String, String> substitutions)
            throws IOException {
        return engine.register(nameOrArn, definitionFile, substitutions);
    }

    public StepFunctionsEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        api.close();
        engine.close();
    }
}
