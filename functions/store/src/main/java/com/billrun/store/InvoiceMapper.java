package com.billrun.store;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.ItemKind;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link StoredInvoice} to and from its item ({@code T#{t}#INV#{id}} / {@code INVOICE}), lines embedded. */
final class InvoiceMapper {

    static final String STATUS = "status";
    static final String NUMBER = "number";
    static final String BALANCE = "balance";
    static final String POSTED_AT = "postedAt";
    static final String CREDITED = "credited";
    static final String CREDITED_VERSION = "creditedVersion";
    static final String CREDIT_APPLICATIONS = "creditApplications";
    static final String VOIDED = "voided";
    /**
     * The post group the invoice was generated in (DATA-MODEL.md "Post groups"), and its rank there: short names, as
     * every byte of a draft counts three times (its item in a transaction, its two index entries) once it passes 1 KB.
     */
    static final String POST_GROUP = "pg";
    static final String POST_GROUP_RANK = "pgRank";

    /** Where a draft sits in its post group: the group's id and its rank among the group's invoices (from 0). */
    record GroupSeat(String groupId, int rank) {
    }

    private InvoiceMapper() {
    }

    /** @param shards the layout of the invoice's run ({@link RunLayouts}): its GSI2 key */
    static Map<String, AttributeValue> toItem(StoredInvoice stored, int shards) {
        return toItem(stored, shards, null);
    }

    /**
     * @param shards the layout of the invoice's run ({@link RunLayouts}): its GSI2 key
     * @param seat   its place in its post group, or null for a run that does not post by post group
     */
    static Map<String, AttributeValue> toItem(StoredInvoice stored, int shards, GroupSeat seat) {
        Invoice invoice = stored.invoice();
        String tenantId = stored.tenantId();
        Item item = Item.at(Keys.invoice(tenantId, invoice.id()))
                .index1(Keys.accountInvoicesIndex(tenantId, invoice.accountId()), invoice.invoiceDate() + "#" + invoice.id());
        if (seat == null) {
            // A run that posts by post group lists its invoices by their groups: its drafts have no run index entry.
            item.index2(Keys.runInvoicesIndex(tenantId, stored.billRunId(), shards, invoice.id()),
                    Keys.runInvoicesIndexSort(invoice.status().name(), invoice.id()));
        }
        return item
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
                .string(POST_GROUP, seat == null ? null : seat.groupId())
                .integer(POST_GROUP_RANK, seat == null ? null : seat.rank())
                .build();
    }

    static StoredInvoice fromItem(ItemReader item) {
        Invoice invoice = new Invoice(item.string("invoiceId"), item.string("accountId"), item.string("currency"),
                item.enumValue(STATUS, InvoiceStatus.class), item.date("invoiceDate"), item.date("dueDate"),
                item.maps("items").stream().map(InvoiceMapper::line).toList(), item.amount("subtotal"),
                item.amount("taxTotal"), item.amount("total"));
        return new StoredInvoice(item.string("tenantId"), item.string("billRunId"), invoice, item.string(NUMBER),
                item.amount(BALANCE), adjustments(item));
    }

    private static InvoiceAdjustments adjustments(ItemReader item) {
        Map<String, BigDecimal> credited = new TreeMap<>();
        item.map(CREDITED).forEach((lineId, amount) -> credited.put(lineId, new BigDecimal(amount.s())));
        var applications = item.maps(CREDIT_APPLICATIONS).stream().map(InvoiceMapper::creditApplied).toList();
        InvoiceAdjustments.Voided voided = item.has(VOIDED) ? voided(ItemReader.of(item.map(VOIDED))) : null;
        return new InvoiceAdjustments(item.instant(POSTED_AT), credited, item.numberOrZero(CREDITED_VERSION),
                applications, voided);
    }

    static Map<String, AttributeValue> creditApplied(InvoiceAdjustments.CreditApplied applied) {
        return Item.nested().string("creditId", applied.creditId()).string("source", applied.source().name())
                .string("sourceId", applied.sourceId()).amount("amount", applied.amount())
                .instant("appliedAt", applied.appliedAt()).build();
    }

    private static InvoiceAdjustments.CreditApplied creditApplied(ItemReader item) {
        return new InvoiceAdjustments.CreditApplied(item.string("creditId"),
                item.enumValue("source", StoredCredit.Source.class), item.string("sourceId"), item.amount("amount"),
                item.instant("appliedAt"));
    }

    static Map<String, AttributeValue> voided(InvoiceAdjustments.Voided voided) {
        return Item.nested().instant("at", voided.at()).string("by", voided.by()).string("reason", voided.reason())
                .bool("rebilled", voided.rebilled()).build();
    }

    private static InvoiceAdjustments.Voided voided(ItemReader item) {
        return new InvoiceAdjustments.Voided(item.instant("at"), item.string("by"), item.string("reason"),
                item.bool("rebilled"));
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
