package com.billrun.store;

import com.billrun.core.CreditNoteLine;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link StoredCreditNote} to and from its item ({@code T#{t}#CN#{id}} / {@code CREDIT_NOTE}), lines embedded. */
final class CreditNoteMapper {

    private CreditNoteMapper() {
    }

    static Map<String, AttributeValue> toItem(StoredCreditNote note) {
        String tenantId = note.tenantId();
        return Item.at(Keys.creditNote(tenantId, note.id()))
                .index1(Keys.accountCreditNotesIndex(tenantId, note.accountId()),
                        note.date() + "#" + note.createdAt() + "#" + note.id())
                .index2(Keys.invoiceCreditNotesIndex(tenantId, note.invoiceId()), note.createdAt() + "#" + note.id())
                .string("tenantId", tenantId)
                .string("creditNoteId", note.id())
                .string("number", note.number())
                .string("accountId", note.accountId())
                .string("invoiceId", note.invoiceId())
                .string("invoiceNumber", note.invoiceNumber())
                .string("billRunId", note.billRunId())
                .string("currency", note.currency())
                .date("date", note.date())
                .string("reason", note.reason())
                .maps("lines", note.lines().stream().map(CreditNoteMapper::line).toList())
                .amount("subtotal", note.subtotal())
                .amount("taxTotal", note.taxTotal())
                .amount("total", note.total())
                .amount("appliedToInvoice", note.appliedToInvoice())
                .amount("toAccountCredit", note.toAccountCredit())
                .string("createdBy", note.createdBy())
                .instant("createdAt", note.createdAt())
                .build();
    }

    static StoredCreditNote fromItem(ItemReader item) {
        return new StoredCreditNote(item.string("tenantId"), item.string("creditNoteId"), item.string("number"),
                item.string("accountId"), item.string("invoiceId"), item.string("invoiceNumber"), item.string("billRunId"),
                item.string("currency"), item.date("date"), item.string("reason"),
                item.maps("lines").stream().map(CreditNoteMapper::line).toList(), item.amount("subtotal"),
                item.amount("taxTotal"), item.amount("total"), item.amount("appliedToInvoice"),
                item.amount("toAccountCredit"), item.string("createdBy"), item.instant("createdAt"));
    }

    private static Map<String, AttributeValue> line(CreditNoteLine line) {
        return Item.nested().string("lineId", line.lineId())
                .string("chargeName", line.chargeName())
                .date("servicePeriodStart", line.servicePeriodStart())
                .date("servicePeriodEnd", line.servicePeriodEnd())
                .amount("amount", line.amount())
                .bool("taxable", line.taxable())
                .amount("tax", line.tax())
                .build();
    }

    private static CreditNoteLine line(ItemReader item) {
        return new CreditNoteLine(item.string("lineId"), item.string("chargeName"), item.date("servicePeriodStart"),
                item.date("servicePeriodEnd"), item.amount("amount"), item.bool("taxable"), item.amount("tax"));
    }
}
