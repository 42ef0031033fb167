package com.billrun.store;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.ItemKind;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link StoredInvoice} to and from its item ({@code T#{t}#INV#{id}} / {@code INVOICE}), lines embedded. */
final class InvoiceMapper {

    static final String STATUS = "status";
    static final String NUMBER = "number";
    static final String BALANCE = "balance";

    private InvoiceMapper() {
    }

    static Map<String, AttributeValue> toItem(StoredInvoice stored) {
        Invoice invoice = stored.invoice();
        String tenantId = stored.tenantId();
        return Item.at(Keys.invoice(tenantId, invoice.id()))
                .index1(Keys.accountInvoicesIndex(tenantId, invoice.accountId()), invoice.invoiceDate() + "#" + invoice.id())
                .index2(Keys.runInvoicesIndex(tenantId, stored.billRunId()),
                        Keys.runInvoicesIndexSort(invoice.status().name(), invoice.id()))
                .string("tenantId", tenantId)
                .string("invoiceId", invoice.id())
                .string("accountId", invoice.accountId())
                .string("billRunId", stored.billRunId())
                .string(STATUS, invoice.status().name())
                .string(NUMBER, stored.number())
                .string("currency", invoice.currency())
                .date("invoiceDate", invoice.invoiceDate())
                .date("dueDate", invoice.dueDate())
                .maps("items", invoice.items().stream().map(InvoiceMapper::line).toList())
                .amount("subtotal", invoice.subtotal())
                .amount("taxTotal", invoice.taxTotal())
                .amount("total", invoice.total())
                .amount(BALANCE, stored.balance())
                .build();
    }

    static StoredInvoice fromItem(ItemReader item) {
        Invoice invoice = new Invoice(item.string("invoiceId"), item.string("accountId"), item.string("currency"),
                item.enumValue(STATUS, InvoiceStatus.class), item.date("invoiceDate"), item.date("dueDate"),
                item.maps("items").stream().map(InvoiceMapper::line).toList(), item.amount("subtotal"),
                item.amount("taxTotal"), item.amount("total"));
        return new StoredInvoice(item.string("tenantId"), item.string("billRunId"), invoice, item.string(NUMBER),
                item.amount(BALANCE));
    }

    private static Map<String, AttributeValue> line(InvoiceItem line) {
        return Item.nested().string("subscriptionId", line.subscriptionId())
                .string("chargeId", line.chargeId())
                .string("chargeName", line.chargeName())
                .string("kind", line.kind().name())
                .date("servicePeriodStart", line.servicePeriodStart())
                .date("servicePeriodEnd", line.servicePeriodEnd())
                .amount("quantity", line.quantity())
                .amount("unitPrice", line.unitPrice())
                .amount("amount", line.amount())
                .bool("taxable", line.taxable())
                .build();
    }

    private static InvoiceItem line(ItemReader item) {
        return new InvoiceItem(item.string("subscriptionId"), item.string("chargeId"), item.string("chargeName"),
                item.enumValue("kind", ItemKind.class), item.date("servicePeriodStart"), item.date("servicePeriodEnd"),
                item.amount("quantity"), item.amount("unitPrice"), item.amount("amount"), item.bool("taxable"));
    }
}
