package com.billrun.usecases.accounts;

import com.billrun.core.BillingDataException;
import com.billrun.core.Charge;
import com.billrun.core.Subscription;
import com.billrun.core.UsageRecord;
import com.billrun.core.UsageValidation;
import com.billrun.store.AccountBillingData;
import com.billrun.store.AccountRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.StoredSubscription;
import com.billrun.store.UsageRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records usage against an account's USAGE charges. Every record is checked first, with the engine's own rule
 * ({@link UsageValidation}) and two of the API's: the day must be within the subscription, and in a period not yet
 * rated (usage of a billed period would never be billed: RULES.md, late usage is out of scope, so it is refused
 * rather than silently lost). Only when all pass is anything written; a record sent again (same id) is stored once.
 */
public final class RecordUsage {

    /** One record to store: its id, the usage, and where the request carried it (to name a refusal's field). */
    public record UsageInput(String id, UsageRecord usage, String field) {
    }

    private final AccountRepository accounts;
    private final UsageRepository usage;

    public RecordUsage(AccountRepository accounts, UsageRepository usage) {
        this.accounts = accounts;
        this.usage = usage;
    }

    public void record(String tenantId, String accountId, List<UsageInput> records) {
        AccountBillingData data = accounts.billingData(tenantId, accountId)
                .orElseThrow(() -> new NotFoundException("account", accountId));
        Set<String> ids = new HashSet<>();
        for (UsageInput input : records) {
            if (!ids.add(input.id())) {
                throw new BillingDataException(input.field() + "id", "is repeated in the request");
            }
            try {
                check(data, input.usage());
            } catch (BillingDataException invalid) {
                throw new BillingDataException(input.field() + invalid.field(), invalid.reason());
            }
        }
        usage.recordAll(tenantId, accountId, records.stream()
                .map(input -> new UsageRepository.IdentifiedUsage(input.id(), input.usage())).toList());
    }

    private static void check(AccountBillingData data, UsageRecord record) {
        Subscription subscription = data.subscription(record.subscriptionId()).map(StoredSubscription::subscription)
                .orElseThrow(() -> new BillingDataException("subscriptionId", "is not a subscription of the account"));
        UsageValidation.validate(subscription, record);
        if (record.date().isBefore(subscription.startDate())
                || subscription.endDate() != null && !record.date().isBefore(subscription.endDate())) {
            throw new BillingDataException("date", "is outside the subscription's service");
        }
        Charge charge = subscription.charges().stream().filter(c -> c.id().equals(record.chargeId())).findFirst().orElseThrow();
        if (charge.chargedThroughDate() != null && record.date().isBefore(charge.chargedThroughDate())) {
            throw new BillingDataException("date", "falls in a period already billed (charged through "
                    + charge.chargedThroughDate() + ")");
        }
    }
}
