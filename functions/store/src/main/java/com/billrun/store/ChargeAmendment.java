package com.billrun.store;

import java.time.Instant;

/**
 * A charge's pricing replaced before it was ever billed ({@code PUT /subscriptions/{id}/charges/{chargeId}}):
 * kept on the subscription's item and shown in the account's activity. {@code scale} is the account currency's
 * minor units, the scale of the activity's zero amounts.
 */
public record ChargeAmendment(String subscriptionId, String chargeId, String chargeName, Instant at, String by,
                              int scale) {
}
