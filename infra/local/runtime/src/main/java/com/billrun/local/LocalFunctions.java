package com.billrun.local;

import com.billrun.local.aws.QueueSpec;
import com.billrun.local.aws.Queues.CreatedQueue;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.Route;
import com.billrun.local.sample.SampleInvoiceApi;
import com.billrun.local.sfn.LocalStepFunctions;
import com.billrun.local.sample.SampleInvoiceMailer;
import com.billrun.local.template.SamTemplate;
import com.billrun.local.template.TemplateWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * THE place where the local runtime learns Billrun's resources. {@code ./billrun demo} and {@code ./billrun serve}
 * both call {@link #register}, which
 * <ol>
 *   <li>applies template.yaml ({@link TemplateWiring}): its table, queues with their DLQs, every function whose
 *       handler class is on the classpath (with the Globals and its own environment resolved to local values),
 *       their SQS event source mappings and HttpApi routes; the template's parameters get
 *       {@link #LOCAL_PARAMETERS};</li>
 *   <li>then registers the sample (an SQS-triggered mailer and a small API) until the bill run exists.</li>
 * </ol>
 * So a new Lambda needs no change here: declare it in template.yaml and put its module on this module's
 * classpath (a dependency in infra/local/runtime/pom.xml). Handlers follow the {@code com.billrun.aws} convention
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

    public static final String SAMPLE_TABLE = "billrun-sample";
    public static final String SAMPLE_QUEUE = "billrun-sample-invoices";

    private LocalFunctions() {
    }

    /** Values for template.yaml's parameters that have no Default: the dev-token issuer and audience, a sender. */
    public static final Map<String, Object> LOCAL_PARAMETERS = Map.of(
            "JwtIssuer", DevTokens.ISSUER,
            "JwtAudience", DevTokens.AUDIENCE,
            "SenderEmail", SampleInvoiceMailer.FROM);

    public static Optional<TemplateWiring.Result> register(LocalRuntime runtime) {
        Optional<TemplateWiring.Result> fromTemplate = templateFile().map(file -> {
            runtime.target().verifySender(SampleInvoiceMailer.FROM);
            LocalStepFunctions stepFunctions = runtime.startStepFunctions();
            TemplateWiring.Result wired = TemplateWiring.apply(runtime, SamTemplate.load(file), LOCAL_PARAMETERS);
            Path root = file.toAbsolutePath().getParent();
            wired.stateMachines().forEach(machine -> createStateMachine(stepFunctions, root, machine));
            return wired;
        });
        registerSample(runtime);
        return fromTemplate;
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

    static void registerSample(LocalRuntime runtime) {
        runtime.table(CreateTableRequest.builder().tableName(SAMPLE_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .build());
        // A short visibility timeout so the demo shows a redelivery and the DLQ within seconds.
        CreatedQueue invoices = runtime.queue(new QueueSpec(SAMPLE_QUEUE, Duration.ofSeconds(2), 2));
        runtime.target().verifySender(SampleInvoiceMailer.FROM);

        runtime.function("sample-invoice-mailer", SampleInvoiceMailer.class,
                Map.of("TABLE_NAME", SAMPLE_TABLE, "MAIL_FROM", SampleInvoiceMailer.FROM), Duration.ofSeconds(30), 512);
        runtime.sqsTrigger("sample-invoice-mailer", invoices, 10, Duration.ofMillis(500));

        runtime.function("sample-api", SampleInvoiceApi.class, Map.of("TABLE_NAME", SAMPLE_TABLE, "QUEUE_URL", invoices.url()), Duration.ofSeconds(29), 512);
        runtime.route(Route.jwt("POST", "/sample/invoices", "sample-api", "billing/write"));
        runtime.route(Route.jwt("GET", "/sample/invoices/{id}", "sample-api", "billing/read"));
    }
}
