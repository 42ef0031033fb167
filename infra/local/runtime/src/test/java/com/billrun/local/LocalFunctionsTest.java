package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.aws.QueueSpec;
import com.billrun.local.aws.Queues.CreatedQueue;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.handlers.QueueingInvoiceApi;
import com.billrun.local.handlers.StoringInvoiceMailer;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.http.Route;
import com.billrun.local.lambda.BatchOutcome;
import com.billrun.local.template.TemplateWiring;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@link LocalFunctions#register} on the shared stack (what {@code ./billrun demo} and {@code serve} call), then
 * test handlers registered by hand on the same runtime, end to end: HTTP API (dev JWT) → API function → SQS →
 * SQS-triggered mailer → DynamoDB + SES, and one bad message → DLQ through the queue's redrive policy.
 */
class LocalFunctionsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TABLE = "runtime-invoices";
    private static final String QUEUE = "runtime-invoices-queue";

    @Test
    void theTemplateIsRegisteredAndHandWiredFunctionsRunEndToEnd() throws Exception {
        var stack = SharedStack.get();
        try (LocalRuntime runtime = new LocalRuntime(stack)) {
            TemplateWiring.Result wired = LocalFunctions.register(runtime).orElseThrow();
            assertFalse(wired.stateMachines().isEmpty());
            wired.stateMachines().forEach(machine -> assertTrue(
                    runtime.startStepFunctions().engine().stateMachine(machine.arn()).isPresent(), machine.arn()));

            List<BatchOutcome> batches = new CopyOnWriteArrayList<>();
            runtime.onBatch(batches::add);
            registerInvoiceFunctions(runtime);
            DevTokens tokens = DevTokens.ephemeral();
            LocalHttpApi api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
            String token = tokens.issue("acme", "ana@acme.example", List.of("billing/read", "billing/write"));
            HttpClient http = HttpClient.newHttpClient();

            for (String invoice : List.of(
                    "{\"invoiceId\":\"INV-1001\",\"accountId\":\"A-1\",\"email\":\"finance@globex.example\",\"total\":\"145.16\",\"currency\":\"USD\"}",
                    "{\"invoiceId\":\"INV-1002\",\"accountId\":\"A-2\",\"email\":\"ap@initech.example\",\"total\":\"1200\",\"currency\":\"JPY\"}",
                    "{\"invoiceId\":\"INV-1003\",\"accountId\":\"A-3\",\"total\":\"9.99\",\"currency\":\"EUR\"}")) {
                var queued = http.send(HttpRequest.newBuilder(api.url().resolve("/invoices"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(invoice)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, queued.statusCode(), queued.body());
            }
            var refused = http.send(HttpRequest.newBuilder(api.url().resolve("/invoices/INV-1001")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            assertEquals("{\"message\":\"Unauthorized\"}", refused.body());

            String dlqUrl = runtime.sqs().getQueueUrl(b -> b.queueName(QUEUE + "-dlq")).queueUrl();
            List<Message> dead = awaitDeadLetter(runtime, dlqUrl);
            List<SentEmail> emails = awaitEmails(stack, 2);

            var read = http.send(HttpRequest.newBuilder(api.url().resolve("/invoices/INV-1001"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"total\":\"USD 145.16\""), read.body());
            assertTrue(read.body().contains("\"emailedTo\":\"finance@globex.example\""), read.body());
            assertEquals(1, dead.size());
            assertTrue(dead.getFirst().body().contains("INV-1003"), dead.getFirst().body());
            assertEquals(2, emails.size());
            assertTrue(emails.stream().anyMatch(email -> email.subject().equals("Invoice INV-1001")
                    && email.to().equals(List.of("finance@globex.example")) && email.from().equals(LocalFunctions.SENDER)));
            assertTrue(batches.stream().anyMatch(batch -> !batch.failedMessageIds().isEmpty()),
                    "the message without an email was reported as a batch item failure");
        }
    }

    /** By hand, as {@link LocalFunctions}'s documentation shows for what the template cannot say. */
    private static void registerInvoiceFunctions(LocalRuntime runtime) {
        runtime.table(CreateTableRequest.builder().tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .build());
        // A short visibility timeout so the redelivery and the move to the DLQ happen within seconds.
        CreatedQueue invoices = runtime.queue(new QueueSpec(QUEUE, Duration.ofSeconds(2), 2));
        runtime.function("invoice-mailer", StoringInvoiceMailer.class,
                Map.of("TABLE_NAME", TABLE, "MAIL_FROM", LocalFunctions.SENDER), Duration.ofSeconds(30), 512);
        runtime.sqsTrigger("invoice-mailer", invoices, 10, Duration.ofMillis(500));
        runtime.function("invoice-api", QueueingInvoiceApi.class,
                Map.of("TABLE_NAME", TABLE, "QUEUE_URL", invoices.url()), Duration.ofSeconds(29), 512);
        runtime.route(Route.jwt("POST", "/invoices", "invoice-api", "billing/write"));
        runtime.route(Route.jwt("GET", "/invoices/{id}", "invoice-api", "billing/read"));
    }

    private static List<Message> awaitDeadLetter(LocalRuntime runtime, String dlqUrl) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<Message> dead = runtime.sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();
            if (!dead.isEmpty()) {
                return dead;
            }
        }
        throw new AssertionError("no message reached the DLQ within " + PATIENCE);
    }

    private static List<SentEmail> awaitEmails(EmbeddedAws stack, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<SentEmail> emails = stack.mailbox().sentEmails().stream()
                    .filter(email -> email.subject().startsWith("Invoice INV-100")).toList();
            if (emails.size() >= count) {
                return emails;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " emails within " + PATIENCE);
    }
}
