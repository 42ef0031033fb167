package com.billrun.local;

import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code ./billrun demo}: until the bill run exists, the sample end to end on the embedded stack:
 * HTTP API (dev JWT) → api function → SQS → SQS-triggered mailer → DynamoDB + SES, one bad message → DLQ.
 */
final class Demo {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Demo() {
    }

    static int run() throws Exception {
        try (EmbeddedAws stack = EmbeddedAws.start()) {
            BillrunCli.printStack(stack);
            return run(stack);
        }
    }

    /** The demo on a running stack; 0 when every step did what it should. */
    static int run(EmbeddedAws stack) throws Exception {
        long started = System.nanoTime();
        try (LocalRuntime runtime = new LocalRuntime(stack)) {
            BillrunCli.printTemplate(LocalFunctions.register(runtime));
            runtime.onBatch(outcome -> System.out.printf("  sqs -> %s: batch of %d, %d reported failed, %d deleted%n",
                    outcome.invocation().requestId().substring(0, 8), outcome.messageIds().size(),
                    outcome.failedMessageIds().size(), outcome.deletedMessageIds().size()));
            DevTokens tokens = DevTokens.ephemeral();
            LocalHttpApi api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
            System.out.println("API: " + api.url());
            String token = tokens.issue("acme", "ana@acme.example", List.of("billing/read", "billing/write"));

            HttpClient http = HttpClient.newHttpClient();
            System.out.println("POST 3 invoices (the third has no bill-to email, so it fails and goes to the DLQ):");
            for (String invoice : List.of(
                    "{\"invoiceId\":\"INV-1001\",\"accountId\":\"A-1\",\"email\":\"finance@globex.example\",\"total\":\"145.16\",\"currency\":\"USD\"}",
                    "{\"invoiceId\":\"INV-1002\",\"accountId\":\"A-2\",\"email\":\"ap@initech.example\",\"total\":\"1200\",\"currency\":\"JPY\"}",
                    "{\"invoiceId\":\"INV-1003\",\"accountId\":\"A-3\",\"total\":\"9.99\",\"currency\":\"EUR\"}")) {
                var response = http.send(HttpRequest.newBuilder(api.url().resolve("/sample/invoices"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(invoice)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("  %d %s%n", response.statusCode(), response.body());
            }
            var refused = http.send(HttpRequest.newBuilder(api.url().resolve("/sample/invoices/INV-1001")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf("GET without a token: %d %s%n", refused.statusCode(), refused.body());

            String dlqUrl = runtime.sqs().getQueueUrl(b -> b.queueName(LocalFunctions.SAMPLE_QUEUE + "-dlq")).queueUrl();
            List<Message> dead = awaitDeadLetter(runtime, dlqUrl);
            List<SentEmail> emails = awaitEmails(stack, 2).stream()
                    .filter(email -> email.subject().startsWith("Invoice INV-100")).toList();

            var read = http.send(HttpRequest.newBuilder(api.url().resolve("/sample/invoices/INV-1001"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("GET /sample/invoices/INV-1001: %d %s%n", read.statusCode(), read.body());
            System.out.println("emails captured by the local SES (" + stack.mailPage() + "):");
            emails.forEach(email -> System.out.printf("  from %s to %s, \"%s\": %s%n",
                    email.from(), email.to(), email.subject(), email.text() == null ? "" : email.text().strip()));
            System.out.println("dead-letter queue: " + dead.stream().map(Message::body).toList());
            System.out.printf("demo done in %d ms after the stack's start-up (%d ms)%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), stack.startupTime().toMillis());
            return read.statusCode() == 200 && emails.size() == 2 && dead.size() == 1 ? 0 : 1;
        }
    }

    private static List<Message> awaitDeadLetter(LocalRuntime runtime, String dlqUrl) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<Message> dead = runtime.sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();
            if (!dead.isEmpty()) {
                return dead;
            }
        }
        throw new IllegalStateException("no message reached the DLQ within " + PATIENCE);
    }

    private static List<SentEmail> awaitEmails(EmbeddedAws stack, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<SentEmail> emails = stack.mailbox().sentEmails();
            if (emails.size() >= count) {
                return emails;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("fewer than " + count + " emails within " + PATIENCE);
    }

}
