package com.billrun.store;

import com.billrun.core.AccountStatus;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link CustomerAccount} to and from its item, and its listing item: the account item carries no index key (its
 * balance and credits change at every posting, payment and correction, and each write would rewrite its index entries:
 * both indexes project ALL); the listing ({@code LISTING} in the same collection, written with the account and
 * with every change of what it holds) is indexed by batch on GSI1 and by bill cycle day on GSI2 and holds what the
 * index's readers need: the account's id and status.
 */
final class AccountMapper {

    static final String ACCOUNT_ID = "accountId";
    static final String STATUS = "status";
    static final String BALANCE = "balance";

    private AccountMapper() {
    }

    static Map<String, AttributeValue> toItem(String tenantId, CustomerAccount account) {
        return Item.at(Keys.account(tenantId, account.id()))
                .string(ACCOUNT_ID, account.id())
                .string("name", account.name())
                .string("billToEmail", account.billToEmail())
                .string("currency", account.currency())
                .integer("billCycleDay", account.billCycleDay())
                .string("batch", account.batch())
                .amount("taxRate", account.taxRate())
                .integer("paymentTermDays", account.paymentTermDays())
                .string(STATUS, account.status().name())
                .amount(BALANCE, account.balance())
                .build();
    }

    /** The account's listing item: its index keys, id and status (what selection reads from the indexes). */
    static Map<String, AttributeValue> listingItem(String tenantId, CustomerAccount account) {
        return Item.at(Keys.accountListing(tenantId, account.id()))
                .index1(Keys.accountsIndex(tenantId), Keys.accountsIndexSort(account.batch(), account.id()))
                .index2(Keys.billCycleDayIndex(tenantId, account.billCycleDay()), "A#" + account.id())
                .string(ACCOUNT_ID, account.id())
                .string(STATUS, account.status().name())
                .build();
    }

    static CustomerAccount fromItem(ItemReader item) {
        Integer billCycleDay = item.integer("billCycleDay");
        return new CustomerAccount(item.string(ACCOUNT_ID), item.string("name"), item.string("billToEmail"),
                item.string("currency"), billCycleDay == null ? 0 : billCycleDay, item.string("batch"),
                item.amount("taxRate"), item.integer("paymentTermDays"), item.enumValue(STATUS, AccountStatus.class),
                item.amount(BALANCE));
    }
}
