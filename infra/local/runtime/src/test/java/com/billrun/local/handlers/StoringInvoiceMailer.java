package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.aws.AwsClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * An SQS-triggered test handler following the Billrun convention: stores each invoice once (a conditional put
 * makes a redelivered message harmless) and emails it through SES. A message without an email address is reported
 * as a batch item failure, so it is redelivered and ends in the DLQ.
 */
public final class StoringInvoiceMailer implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final SesV2Client ses;
    private final String tableName;
    private final String from;

    public StoringInvoiceMailer() {
        this(System.getenv());
    }

    public StoringInvoiceMailer(Map<String, String> env) {
        this.dynamoDb = AwsClients.dynamoDb(env);
        this.ses = AwsClients.sesV2(env);
        this.tableName = env.get("TABLE_NAME");
        this.from = env.get("MAIL_FROM");
    }

    /** The only key shape: one item per tenant and invoice. */
    static String key(String tenant, String invoiceId) {
        return "TENANT#" + tenant + "#INVOICE#" + invoiceId;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                handle(JSON.readTree(message.getBody()), context);
            } catch (Exception e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e.getMessage());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void handle(JsonNode invoice, Context context) {
        String email = invoice.path("email").asText("");
        if (email.isBlank()) {
            throw new IllegalArgumentException("invoice " + invoice.path("invoiceId").asText() + " has no bill-to email");
        }
        String invoiceId = invoice.path("invoiceId").asText();
        String total = invoice.path("currency").asText() + " " + invoice.path("total").asText();
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(Map.of(
                            "pk", AttributeValue.fromS(key(invoice.path("tenant").asText(), invoiceId)),
                            "accountId", AttributeValue.fromS(invoice.path("accountId").asText()),
                            "total", AttributeValue.fromS(total),
                            "emailedTo", AttributeValue.fromS(email)))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyStored) {
            context.getLogger().log("invoice " + invoiceId + " already stored: a redelivery, nothing to do");
            return;
        }
        ses.sendEmail(b -> b.fromEmailAddress(from)
                .destination(d -> d.toAddresses(email))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Invoice " + invoiceId))
                        .body(body -> body.text(t -> t.data("Your invoice " + invoiceId + " totals " + total + "."))))));
        context.getLogger().log("invoice " + invoiceId + " stored and emailed to " + email);
    }
}
