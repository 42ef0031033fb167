package com.billrun.local.lambda;

import java.util.List;

/** One delivery of a batch to the function: which messages it got, which it reported failed, which were deleted. */
public record BatchOutcome(Invocation invocation, List<String> messageIds, List<String> failedMessageIds,
                           List<String> deletedMessageIds) {
}
