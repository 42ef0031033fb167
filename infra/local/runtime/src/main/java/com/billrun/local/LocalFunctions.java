package com.billrun.local;

import com.billrun.local.http.DevTokens;
import com.billrun.local.sfn.LocalStepFunctions;
import com.billrun.local.template.SamTemplate;
import com.billrun.local.template.TemplateWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * THE place where the local runtime learns Billrun's resources. {@code ./billrun demo}, {@code ./billrun serve}
 * and the bench tooling all call {@link #register}, which applies template.yaml ({@link TemplateWiring}): its
 * table, queues with their DLQs, every function whose handler class is on the classpath (with the Globals and its
 * own environment resolved to local values), their SQS event source mappings and HttpApi routes, and its state
 * machines on the local Step Functions engine; the template's parameters get {@link #LOCAL_PARAMETERS}.
 * So a new Lambda needs no change here: declare it in template.yaml and put its module on this module's
 * classpath (a dependency in infra/local/app/pom.xml). Handlers follow the {@code com.billrun.aws} convention
 * (a public {@code Map<String,String>} constructor). What the template cannot say goes here by hand, e.g.:
 * <pre>{@code
 * runtime.global(AwsClients.ENDPOINT_SFN, localSfn.url().toString()); // before the template: every function gets it
 * var wired = TemplateWiring.apply(runtime, SamTemplate.load(file), LOCAL_PARAMETERS);
 * wired.stateMachines().forEach(m -> localSfn.create(m.arn(), root.resolve(m.definitionUri()), m.substitutions()));
 * // or without the template:
 * CreatedQueue queue = runtime.queue(new QueueSpec("extra", Duration.ofMinutes(6), 3));
 * runtime.function("extra-worker", ExtraWorker.class, Map.of("QUEUE_URL", queue.url()), Duration.ofMinutes(5), 1024);
 * runtime.sqsTrigger("extra-worker", queue, 1, Duration.ZERO);
 * runtime.route(Route.jwt("POST", "/extra", "extra-worker", "billing/write"));
 * }</pre>
 */
public final class LocalFunctions {

    /** The sender address the functions mail from locally (template.yaml's {@code SenderEmail}), verified in SES. */
    public static final String SENDER = "billing@billrun.example";

    private LocalFunctions() {
    }

    /**
     * Local values for template.yaml's parameters: the dev-token issuer and audience, a sender, ten invoice
     * workers at once (AWS's default of 1,000 would be a thousand threads on a laptop) and four post lanes (AWS's
     * 16, of 8 page threads each, would be 128 threads against DynamoDB Local's one).
     */
    public static final Map<String, Object> LOCAL_PARAMETERS = Map.of(
            "JwtIssuer", DevTokens.ISSUER,
            "JwtAudience", DevTokens.AUDIENCE,
            "SenderEmail", SENDER,
            "WorkerMaxConcurrency", 10,
            "PostLanes", 4);

    /** Registers template.yaml's resources; empty (nothing registered) when the repository's template is not found. */
    public static Optional<TemplateWiring.Result> register(LocalRuntime runtime) {
        return register(runtime, Map.of());
    }

    /** The same, with some of template.yaml's parameters set (e.g. {@code AccountBatchSize} for the demo). */
    public static Optional<TemplateWiring.Result> register(LocalRuntime runtime, Map<String, Object> parameters) {
        Map<String, Object> all = new java.util.HashMap<>(LOCAL_PARAMETERS);
        all.putAll(parameters);
        return templateFile().map(file -> {
            runtime.target().verifySender(SENDER);
            LocalStepFunctions stepFunctions = runtime.startStepFunctions();
            TemplateWiring.Result wired = TemplateWiring.apply(runtime, SamTemplate.load(file), all);
            Path root = file.toAbsolutePath().getParent();
            wired.stateMachines().forEach(machine -> createStateMachine(stepFunctions, root, machine));
            return wired;
        });
    }

    private static void createStateMachine(LocalStepFunctions stepFunctions, Path root, TemplateWiring.StateMachine machine) {
        try {
            stepFunctions.create(machine.arn(), root.resolve(machine.definitionUri()), machine.substitutions());
        } catch (Exception e) {
            throw new IllegalStateException("state machine " + machine.logicalId() + " (" + machine.definitionUri()
                    + ") cannot run locally: " + e.getMessage(), e);
        }
    }

    static Optional<Path> templateFile() {
        return ProjectRoot.find().map(root -> root.resolve("template.yaml")).filter(Files::isRegularFile);
    }
}
