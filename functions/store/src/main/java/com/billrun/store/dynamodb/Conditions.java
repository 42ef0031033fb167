package com.billrun.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reads why a transaction was cancelled: one reason per action, in the order the actions were sent. */
public final class Conditions {

    private Conditions() {
    }

    public static boolean failed(TransactionCanceledException cancelled, int actionIndex) {
        if (!cancelled.hasCancellationReasons() || cancelled.cancellationReasons().size() <= actionIndex) {
            return false;
        }
        CancellationReason reason = cancelled.cancellationReasons().get(actionIndex);
        return "ConditionalCheckFailed".equals(reason.code());
    }

    /** True when another transaction held one of the items at the same time (DynamoDB's optimistic concurrency). */
    public static boolean conflicted(TransactionCanceledException cancelled) {
        return cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                .anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    /** True when the only reasons are failed conditions (not a conflict with another transaction, not throttling). */
    public static boolean onlyConditionsFailed(TransactionCanceledException cancelled) {
        return cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                .allMatch(r -> r.code() == null || "None".equals(r.code()) || "ConditionalCheckFailed".equals(r.code()));
    }
}
