package com.billrun.functions.customeremail;

import com.billrun.usecases.billrun.CustomerEmailQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The customer-email queue's message: which posted invoice to email (ids only; the invoice is read fresh), and for
 * an email sent again on request, the re-send's id, who asked and when ({@code resend}, absent otherwise). A message
 * of kind {@code CREDIT_NOTE} ({@code creditNoteId} set) emails an issued credit note of that invoice instead.
 */
public record InvoiceEmailMessage(String tenantId, String billRunId, String invoiceId, CustomerEmailQueue.Resend resend,
                                  String creditNoteId) {

    /** The {@code kind} of a credit note's message; an invoice's message has none. */
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    private static final ObjectMapper JSON = new ObjectMapper();

    public InvoiceEmailMessage(String tenantId, String billRunId, String invoiceId) {
        this(tenantId, billRunId, invoiceId, null, null);
    }

    public InvoiceEmailMessage(String tenantId, String billRunId, String invoiceId, CustomerEmailQueue.Resend resend) {
        this(tenantId, billRunId, invoiceId, resend, null);
    }

    public static InvoiceEmailMessage creditNote(String tenantId, String billRunId, String invoiceId, String creditNoteId) {
        return new InvoiceEmailMessage(tenantId, billRunId, invoiceId, null, creditNoteId);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).put("invoiceId", invoiceId);
        if (creditNoteId != null) {
            node.put("kind", CREDIT_NOTE).put("creditNoteId", creditNoteId);
        }
        if (resend != null) {
            node.putObject("resend").put("id", resend.resendId()).put("requestedBy", resend.requestedBy())
                    .put("requestedAt", resend.requestedAt().toString());
        }
        return node.toString();
    }

    public static InvoiceEmailMessage fromJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String creditNoteId = CREDIT_NOTE.equals(node.path("kind").asText(null)) ? node.path("creditNoteId").asText(null) : null;
            if (CREDIT_NOTE.equals(node.path("kind").asText(null)) && creditNoteId == null) {
                throw new IllegalArgumentException("a CREDIT_NOTE message needs creditNoteId: " + body);
            }
            InvoiceEmailMessage message = new InvoiceEmailMessage(node.path("tenantId").asText(null),
                    node.path("billRunId").asText(null), node.path("invoiceId").asText(null), resend(node.path("resend"), body),
                    creditNoteId);
            if (message.tenantId() == null || message.billRunId() == null || message.invoiceId() == null) {
                throw new IllegalArgumentException("tenantId, billRunId and invoiceId are required: " + body);
            }
            return message;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a customer-email message: " + body, e);
        }
    }

    private static CustomerEmailQueue.Resend resend(JsonNode node, String body) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String id = node.path("id").asText(null);
        String requestedBy = node.path("requestedBy").asText(null);
        String requestedAt = node.path("requestedAt").asText(null);
        if (id == null || requestedBy == null || requestedAt == null) {
            throw new IllegalArgumentException("a resend needs id, requestedBy and requestedAt: " + body);
        }
        try {
            return new CustomerEmailQueue.Resend(id, requestedBy, Instant.parse(requestedAt));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("resend.requestedAt is not an instant: " + body, e);
        }
    }
}
