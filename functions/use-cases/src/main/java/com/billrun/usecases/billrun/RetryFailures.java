package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.POSTED;

import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Retry the failures (docs/ARCHITECTURE.md): a new run, with the same dates and options, over the accounts that
 * failed in a COMPLETED or POSTED run: accounts FAILED as a whole and accounts with a failed subscription alike (the
 * failures tab lists both). An account whose other subscriptions billed is not billed twice: the engine bills from
 * each charge's charged-through date, which the first run already moved for what it billed, so the retry bills only
 * the subscriptions that failed, if their data is fixed, and fails them again with the same reason if not.
 *
 * <p>The new run names the original ({@code retryOf}) and the original lists it ({@code retries}), both written in
 * one transaction with the new run (an original that changed status meanwhile refuses the whole). The caller is the
 * new run's initiator. A run can be retried more than once (after fixing more accounts, say), and a retry is a run
 * like any other, whose own failures can be retried: two runs over the same account bill its period once.
 */
public final class RetryFailures {

    /** Runs whose outcomes are final: a run still PROCESSING or POSTING is not done failing; an ERROR run is resumed or cancelled. */
    static final Set<BillRunStatus> RETRIABLE = Set.of(COMPLETED, POSTED);

    private final BillRunRepository runs;
    private final ExecutionStarter starter;
    private final Clock clock;

    public RetryFailures(BillRunRepository runs, ExecutionStarter starter, Clock clock) {
        this.runs = runs;
        this.starter = starter;
        this.clock = clock;
    }

    /**
     * @throws BillRunConflictException when the run is not COMPLETED or POSTED, or has no failed account
     * @throws com.billrun.store.NotFoundException when there is no such run
     */
    public BillRun retry(String tenantId, String billRunId, String byEmail) {
        BillRun original = runs.get(tenantId, billRunId);
        if (!RETRIABLE.contains(original.status())) {
            throw new BillRunConflictException(original.status(), "bill run %s is %s; only COMPLETED or POSTED runs can retry their failures"
                    .formatted(original.number(), original.status()));
        }
        if (original.counts().failedAccounts() == 0) {
            throw new BillRunConflictException(original.status(), "bill run %s has no failed accounts to retry"
                    .formatted(original.number()));
        }
        Instant now = clock.instant();
        BillRun retry = runs.createRetry(BillRun.pending(tenantId, UUID.randomUUID().toString(), original.options(), byEmail, now)
                        .withAudit(new AuditEntry(AuditAction.CREATED, byEmail, now)).retrying(original.id()),
                RETRIABLE, new AuditEntry(AuditAction.RETRIED, byEmail, now));
        starter.start(tenantId, retry.id());
        return retry;
    }
}
