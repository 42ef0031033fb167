package com.billrun.functions.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body the state machine's InvoiceBatch task sends (bill-run.asl.json):
 * {@code {tenantId, billRunId, batchId, taskToken}}.
 */
record BatchMessage(String tenantId, String billRunId, String batchId, String taskToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException when the body is not such a message */
    static BatchMessage parse(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("the message body is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the message body is not a JSON object");
        }
        return new BatchMessage(text(node, "tenantId"), text(node, "billRunId"), text(node, "batchId"),
                text(node, "taskToken"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("the message has no " + field);
        }
        return value.asText();
    }
}
