package com.billrun.store;

import java.util.List;
import java.util.Optional;

/**
 * One batch of a run's selection: the account ids of one SQS message (the state machine passes only the batch id,
 * Step Functions payloads being limited to 256 KiB), and once the worker is done, its summary; or, when the worker
 * gave up on it, why ({@link BatchFailure}).
 */
public record RunBatch(String id, List<String> accountIds, Optional<BatchSummary> summary,
                       Optional<BatchFailure> failure) {

    public RunBatch {
        accountIds = List.copyOf(accountIds);
    }
}
