package com.billrun.store;

/**
 * Why an account, or one subscription of it ({@code subscriptionId} null: the whole account), could not be billed
 * by a run: the offending {@code field} (as the engine names it, e.g. {@code charges[1].price}) and the reason.
 */
public record BillingFailure(String accountId, String subscriptionId, String field, String reason) {
}
