package com.billrun.functions.customeremail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The customer-email queue's message: which posted invoice to email (ids only; the invoice is read fresh). */
public record InvoiceEmailMessage(String tenantId, String billRunId, String invoiceId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        return JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).put("invoiceId", invoiceId)
                .toString();
    }

    public static InvoiceEmailMessage fromJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            InvoiceEmailMessage message = new InvoiceEmailMessage(node.path("tenantId").asText(null),
                    node.path("billRunId").asText(null), node.path("invoiceId").asText(null));
            if (message.tenantId() == null || message.billRunId() == null || message.invoiceId() == null) {
                throw new IllegalArgumentException("tenantId, billRunId and invoiceId are required: " + body);
            }
            return message;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a customer-email message: " + body, e);
        }
    }
}
