package com.billrun.store;

import com.billrun.core.UsageRecord;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link UsageRecord} to and from its item in the account's collection. */
final class UsageMapper {

    private UsageMapper() {
    }

    static Map<String, AttributeValue> toItem(String tenantId, String accountId, String usageId, UsageRecord usage) {
        return Item.at(Keys.usage(tenantId, accountId, usage.subscriptionId(), usage.chargeId(), usage.date(), usageId))
                .string("usageId", usageId)
                .string("subscriptionId", usage.subscriptionId())
                .string("chargeId", usage.chargeId())
                .date("date", usage.date())
                .amount("quantity", usage.quantity())
                .build();
    }

    static UsageRecord fromItem(ItemReader item) {
        return new UsageRecord(item.string("subscriptionId"), item.string("chargeId"), item.date("date"),
                item.amount("quantity"));
    }
}
