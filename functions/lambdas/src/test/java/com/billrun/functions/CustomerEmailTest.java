package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.customeremail.InvoiceEmailMessage;
import com.billrun.local.aws.SentEmail;
import com.billrun.store.BillRun;
import com.billrun.store.InvoiceIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Customer emails after posting (docs/ARCHITECTURE.md): posted through the post function, queued, sent by the
 * SQS-triggered customer-email function to each account's bill-to address, once.
 */
class CustomerEmailTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void autoEmailSendsEachPostedInvoiceToItsCustomerSkippingZeroTotalsWhenAsked() throws Exception {
        Tenants tenant = Tenants.fresh(local, "customer-email");
        String paying = tenant.monthly("PAYING", "USD", "145.16").billToEmail();
        String free = tenant.monthly("FREE", "USD", "0.00").billToEmail();
        BillRun run = tenant.completedRun(Tenants.emailing(true));

        local.invokeFunction("PostFunction", Tenants.task(tenant.tenantId(), run.id()));

        List<SentEmail> emails = local.awaitEmails(email -> email.to().contains(paying), 1, PATIENCE);
        assertEquals(1, emails.size());
        assertTrue(emails.getFirst().subject().matches("Invoice INV-00000\\d: USD 145.16 due 2026-12-31"), emails.getFirst().subject());
        assertTrue(emails.getFirst().text().contains("Monthly plan"), emails.getFirst().text());
        JsonNode pdf = attachments(emails.getFirst()).get(0);
        assertTrue(pdf.path("filename").asText().matches("INV-00000\\d\\.pdf"), pdf.toString());
        assertEquals("application/pdf", pdf.path("contentType").asText());
        assertTrue(new String(Base64.getDecoder().decode(pdf.path("content").asText()), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        assertEquals(List.of(), local.emailsTo(free), "a zero-amount invoice is not emailed when asked");
    }

    @Test
    void aRedeliveredMessageDoesNotEmailTwice() throws Exception {
        Tenants tenant = Tenants.fresh(local, "customer-redelivery");
        String customer = tenant.monthly("ONCE", "EUR", "20.00").billToEmail();
        BillRun run = tenant.completedRun(Tenants.emailing(false));
        local.invokeFunction("PostFunction", Tenants.task(tenant.tenantId(), run.id()));
        local.awaitEmails(email -> email.to().contains(customer), 1, PATIENCE);

        var redelivery = local.invokeFunction("CustomerEmailFunction", sqsEvent(
                new InvoiceEmailMessage(tenant.tenantId(), run.id(), InvoiceIds.of(run.id(), "ONCE")).toJson()));

        assertEquals("{\"batchItemFailures\":[]}", redelivery.payloadText().replace(" ", ""));
        Thread.sleep(300);
        assertEquals(1, local.emailsTo(customer).size());
    }

    @Test
    void withoutAutoEmailNoCustomerIsEmailed() throws Exception {
        Tenants tenant = Tenants.fresh(local, "customer-quiet");
        String customer = tenant.monthly("QUIET", "USD", "9.99").billToEmail();
        BillRun run = tenant.completedRun();

        local.invokeFunction("PostFunction", Tenants.task(tenant.tenantId(), run.id()));

        Thread.sleep(1500); // the queue's poller would have delivered by now
        assertEquals(List.of(), local.emailsTo(customer));
    }

    /** The SES stand-in keeps attachments in its store ({@code GET /store}), which SentEmail does not carry. */
    private JsonNode attachments(SentEmail email) throws Exception {
        String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local.stack().sesEndpoint().resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode stored : LocalBillrun.json(store).path("emails")) {
            if (stored.path("messageId").asText().equals(email.messageId())) {
                return stored.path("attachments");
            }
        }
        throw new AssertionError("email " + email.messageId() + " not in the SES store");
    }

    static String sqsEvent(String body) {
        var event = new ObjectMapper().createObjectNode();
        var record = event.putArray("Records").addObject();
        record.put("messageId", "redelivered-1").put("receiptHandle", "local").put("body", body)
                .put("eventSource", "aws:sqs").put("awsRegion", "us-east-1")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:CustomerEmailQueue");
        record.putObject("attributes").put("ApproximateReceiveCount", "2");
        record.putObject("messageAttributes");
        return event.toString();
    }
}
