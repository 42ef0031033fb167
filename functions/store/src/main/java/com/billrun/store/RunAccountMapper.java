package com.billrun.store;

import com.billrun.core.ChargedThroughDate;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link RunAccount} and {@link BillingFailure} items of a run's collection. */
final class RunAccountMapper {

    static final String ROLLED_BACK = "rolledBack";

    private RunAccountMapper() {
    }

    /** @param shards the run's layout ({@link RunLayouts}) */
    static Map<String, AttributeValue> toItem(String tenantId, String billRunId, int shards, RunAccount outcome) {
        return Item.at(Keys.runAccount(tenantId, billRunId, shards, outcome.accountId()))
                .string("accountId", outcome.accountId())
                .string("outcome", outcome.outcome().name())
                .string("invoiceId", outcome.invoiceId())
                .string("currency", outcome.currency())
                .amount("total", outcome.total())
                .integer("failedSubscriptions", outcome.failedSubscriptions())
                .maps("moves", outcome.moves().stream().map(RunAccountMapper::move).toList())
                .bool(ROLLED_BACK, outcome.rolledBack() ? true : null)
                .build();
    }

    static RunAccount fromItem(ItemReader item) {
        Integer failedSubscriptions = item.integer("failedSubscriptions");
        return new RunAccount(item.string("accountId"), item.enumValue("outcome", AccountOutcome.class),
                item.string("invoiceId"), item.string("currency"), item.amount("total"),
                failedSubscriptions == null ? 0 : failedSubscriptions,
                item.maps("moves").stream().map(RunAccountMapper::move).toList(), item.bool(ROLLED_BACK));
    }

    static Map<String, AttributeValue> failureItem(String tenantId, String billRunId, BillingFailure failure) {
        return Item.at(Keys.failure(tenantId, billRunId, failure.accountId(), failure.subscriptionId()))
                .string("accountId", failure.accountId())
                .string("subscriptionId", failure.subscriptionId())
                .string("field", failure.field())
                .string("reason", failure.reason())
                .build();
    }

    static BillingFailure failure(ItemReader item) {
        return new BillingFailure(item.string("accountId"), item.string("subscriptionId"), item.string("field"),
                item.string("reason"));
    }

    private static Map<String, AttributeValue> move(ChargedThroughDate move) {
        return Item.nested().string("subscriptionId", move.subscriptionId()).string("chargeId", move.chargeId())
                .date("previous", move.previous()).date("next", move.next()).build();
    }

    private static ChargedThroughDate move(ItemReader item) {
        return new ChargedThroughDate(item.string("subscriptionId"), item.string("chargeId"), item.date("previous"),
                item.date("next"));
    }
}
