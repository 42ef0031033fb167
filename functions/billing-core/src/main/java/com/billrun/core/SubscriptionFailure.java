package com.billrun.core;

/** A subscription left out of the run because its data is invalid; {@code field} is relative to it. */
public record SubscriptionFailure(String subscriptionId, String field, String reason) {
}
