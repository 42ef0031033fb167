package com.billrun.store;

import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An account's money as read from its item: the balance as stored (the condition of the next write; null = never
 * set), its open credits oldest first, and {@code creditVersion}, which every write that changes the credits
 * conditions on and moves on, so two writers can never both spend the same credit.
 */
public record AccountMoney(String accountId, String balanceStored, long creditVersion, List<StoredCredit> credits) {

    static final String CREDITS = "credits";
    static final String CREDIT_VERSION = "creditVersion";
    /** Oldest credit first: by date, then id. */
    static final Comparator<StoredCredit> OLDEST_FIRST = Comparator.comparing(StoredCredit::date)
            .thenComparing(StoredCredit::id);

    public AccountMoney {
        credits = credits.stream().sorted(OLDEST_FIRST).toList();
    }

    public BigDecimal balance() {
        return balanceStored == null ? BigDecimal.ZERO : new BigDecimal(balanceStored);
    }

    /** Credit not applied yet. */
    public BigDecimal unapplied() {
        return credits.stream().map(StoredCredit::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static AccountMoney of(ItemReader item) {
        return new AccountMoney(item.string(AccountMapper.ACCOUNT_ID), item.string(AccountMapper.BALANCE),
                item.numberOrZero(CREDIT_VERSION), item.maps(CREDITS).stream().map(AccountMoney::credit).toList());
    }

    static AttributeValue creditsValue(List<StoredCredit> credits) {
        return AttributeValue.fromL(credits.stream().filter(credit -> credit.remaining().signum() > 0)
                .map(credit -> AttributeValue.fromM(credit(credit))).toList());
    }

    private static Map<String, AttributeValue> credit(StoredCredit credit) {
        return Item.nested().string("id", credit.id()).string("source", credit.source().name())
                .string("sourceId", credit.sourceId()).date("date", credit.date()).amount("amount", credit.amount())
                .amount("remaining", credit.remaining()).build();
    }

    private static StoredCredit credit(ItemReader item) {
        return new StoredCredit(item.string("id"), item.enumValue("source", StoredCredit.Source.class),
                item.string("sourceId"), item.date("date"), item.amount("amount"), item.amount("remaining"));
    }
}
