package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.billrun.aws.AwsClients;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An HTTP API test handler following the Billrun convention: {@code POST /invoices} queues an invoice for
 * {@link StoringInvoiceMailer}, {@code GET /invoices/{id}} reads back what the mailer stored. The tenant comes
 * from the token's {@code tenant} claim.
 */
public final class QueueingInvoiceApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String tableName;
    private final String queueUrl;

    public QueueingInvoiceApi() {
        this(System.getenv());
    }

    public QueueingInvoiceApi(Map<String, String> env) {
        this.dynamoDb = AwsClients.dynamoDb(env);
        this.sqs = AwsClients.sqs(env);
        this.tableName = env.get("TABLE_NAME");
        this.queueUrl = env.get("QUEUE_URL");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("tenant");
        return switch (event.getRouteKey()) {
            case "POST /invoices" -> queue(tenant, event.getBody());
            case "GET /invoices/{id}" -> read(tenant, event.getPathParameters().get("id"));
            default -> json(404, Map.of("title", "Not Found", "status", 404));
        };
    }

    private APIGatewayV2HTTPResponse queue(String tenant, String body) {
        try {
            ObjectNode invoice = (ObjectNode) JSON.readTree(body);
            invoice.put("tenant", tenant);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(invoice.toString()));
            return json(202, Map.of("queued", invoice.path("invoiceId").asText()));
        } catch (IOException | ClassCastException e) {
            return json(400, Map.of("title", "Bad Request", "status", 400, "detail", "body must be a JSON object"));
        }
    }

    private APIGatewayV2HTTPResponse read(String tenant, String invoiceId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(Map.of("pk", AttributeValue.fromS(StoringInvoiceMailer.key(tenant, invoiceId))))).item();
        if (item.isEmpty()) {
            return json(404, Map.of("title", "Not Found", "status", 404, "detail", "no invoice " + invoiceId));
        }
        return json(200, Map.of("invoiceId", invoiceId, "accountId", item.get("accountId").s(),
                "total", item.get("total").s(), "emailedTo", item.get("emailedTo").s()));
    }

    private static APIGatewayV2HTTPResponse json(int status, Map<String, Object> body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(Map.of("content-type", status >= 400 ? "application/problem+json" : "application/json"))
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
