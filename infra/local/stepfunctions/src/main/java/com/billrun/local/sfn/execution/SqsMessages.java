package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * {@code sqs:sendMessage} with the real SQS client: Parameters are SendMessage's request in PascalCase
 * (QueueUrl, MessageBody, MessageAttributes, DelaySeconds, MessageGroupId, MessageDeduplicationId). A JSON
 * MessageBody is sent as its JSON text. Errors carry the names AWS's integration reports (and our definitions
 * retry on): "SQS.AmazonSQSException" for an error SQS answered, "SQS.SdkClientException" when SQS could not be
 * reached; the cause names the SQS error code.
 */
final class SqsMessages {
    private SqsMessages() {
    }

    static JsonNode send(Supplier<SqsClient> sqs, JsonNode parameters) {
        SqsClient client = sqs == null ? null : sqs.get();
        if (client == null) {
            throw StatesError.runtime("No SQS client is configured for the local Step Functions engine");
        }
        JsonNode body = parameters.get("MessageBody");
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(parameters.path("QueueUrl").asText())
                .messageBody(body.isTextual() ? body.textValue() : Json.write(body))
                .messageAttributes(attributes(parameters.get("MessageAttributes")));
        if (parameters.has("DelaySeconds")) {
            request.delaySeconds(parameters.get("DelaySeconds").asInt());
        }
        if (parameters.has("MessageGroupId")) {
            request.messageGroupId(parameters.get("MessageGroupId").asText());
        }
        if (parameters.has("MessageDeduplicationId")) {
            request.messageDeduplicationId(parameters.get("MessageDeduplicationId").asText());
        }
        try {
            SendMessageResponse response = client.sendMessage(request.build());
            ObjectNode result = Json.object().put("MD5OfMessageBody", response.md5OfMessageBody()).put("MessageId", response.messageId());
            if (response.sequenceNumber() != null) {
                result.put("SequenceNumber", response.sequenceNumber());
            }
            return result;
        } catch (AwsServiceException e) {
            throw new StatesError("SQS.AmazonSQSException", e.awsErrorDetails().errorCode() + ": " + e.getMessage());
        } catch (SdkException e) {
            throw new StatesError("SQS.SdkClientException", String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, MessageAttributeValue> attributes(JsonNode node) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (node == null) {
            return attributes;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            MessageAttributeValue.Builder attribute = MessageAttributeValue.builder().dataType(value.path("DataType").asText("String"));
            if (value.has("StringValue")) {
                attribute.stringValue(value.get("StringValue").asText());
            }
            if (value.has("BinaryValue")) {
                attribute.binaryValue(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(value.get("BinaryValue").asText())));
            }
            attributes.put(entry.getKey(), attribute.build());
        }
        return attributes;
    }
}
