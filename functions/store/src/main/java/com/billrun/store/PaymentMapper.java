package com.billrun.store;

import com.billrun.core.PaymentAllocation;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link RecordedPayment} to and from its item in the account's collection, allocations embedded. */
final class PaymentMapper {

    private PaymentMapper() {
    }

    static Map<String, AttributeValue> toItem(String tenantId, RecordedPayment payment) {
        return Item.at(Keys.payment(tenantId, payment.accountId(), payment.date(), payment.id()))
                .string("paymentId", payment.id())
                .string("accountId", payment.accountId())
                .amount("amount", payment.amount())
                .date("date", payment.date())
                .string("invoiceId", payment.invoiceId())
                .maps("allocations", payment.allocations().stream().map(PaymentMapper::allocation).toList())
                .amount("unapplied", payment.unapplied())
                .amount("accountBalance", payment.accountBalance())
                .string("recordedBy", payment.recordedBy())
                .instant("recordedAt", payment.recordedAt())
                .build();
    }

    static RecordedPayment fromItem(ItemReader item) {
        return new RecordedPayment(item.string("paymentId"), item.string("accountId"), item.amount("amount"),
                item.date("date"), item.string("invoiceId"),
                item.maps("allocations").stream().map(PaymentMapper::allocation).toList(), item.amount("unapplied"),
                item.amount("accountBalance"), item.string("recordedBy"), item.instant("recordedAt"));
    }

    private static Map<String, AttributeValue> allocation(PaymentAllocation allocation) {
        return Item.nested().string("invoiceId", allocation.invoiceId())
                .amount("applied", allocation.applied())
                .amount("newBalance", allocation.newBalance())
                .build();
    }

    private static PaymentAllocation allocation(ItemReader item) {
        return new PaymentAllocation(item.string("invoiceId"), item.amount("applied"), item.amount("newBalance"));
    }
}
