package com.billrun.usecases.billrun;

import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.RunChange;
import java.time.Clock;
import java.util.Set;

/**
 * A person posts a COMPLETED run (POST /bill-runs/{id}/post): the run moves to POST_IN_PROGRESS in their name
 * at once (a second click finds it there and is refused), then the post-run state machine does the work.
 */
public final class RequestPost {

    private final BillRunRepository runs;
    private final PostStarter starter;
    private final Clock clock;

    public RequestPost(BillRunRepository runs, PostStarter starter, Clock clock) {
        this.runs = runs;
        this.starter = starter;
        this.clock = clock;
    }

    /** @throws com.billrun.store.BillRunConflictException when the run is not COMPLETED */
    public BillRun request(String tenantId, String billRunId, String postedBy) {
        BillRun posting = runs.transition(tenantId, billRunId, Set.of(BillRunStatus.COMPLETED), BillRunStatus.POST_IN_PROGRESS,
                RunChange.none().audit(new AuditEntry(AuditAction.POSTED, postedBy, clock.instant())).clearErrorCause());
        int attempt = (int) posting.auditTrail().stream().filter(entry -> entry.action() == AuditAction.POSTED).count();
        try {
            starter.startPost(tenantId, billRunId, attempt);
        } catch (RuntimeException notStarted) {
            runs.transition(tenantId, billRunId, Set.of(BillRunStatus.POST_IN_PROGRESS), BillRunStatus.COMPLETED,
                    RunChange.none().errorCause("the post state machine did not start: " + notStarted.getMessage()));
            throw notStarted;
        }
        return posting;
    }
}
