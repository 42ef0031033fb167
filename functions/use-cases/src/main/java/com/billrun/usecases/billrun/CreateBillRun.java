package com.billrun.usecases.billrun;

import com.billrun.core.BillingDataException;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates a bill run (PENDING, numbered BR-00001 per tenant, with its initiator) and starts its state machine.
 *
 * <p>Ids: a run asked for through the API gets a random id; a scheduled run's id is derived from tenant, schedule
 * and scheduled time, so a schedule that fires twice for the same time (EventBridge Scheduler delivers at least
 * once) finds its run already there and starts nothing new. Either way the execution is named after the run, so a
 * second start is refused by Step Functions and counts as "already started".
 */
public final class CreateBillRun {

    private final BillRunRepository runs;
    private final ExecutionStarter starter;
    private final Clock clock;

    public CreateBillRun(BillRunRepository runs, ExecutionStarter starter, Clock clock) {
        this.runs = runs;
        this.starter = starter;
        this.clock = clock;
    }

    /** A run asked for by a user (POST /bill-runs): {@code initiatorEmail} gets the emails. */
    public BillRun create(String tenantId, BillRunOptions options, String initiatorEmail) {
        return createAndStart(tenantId, UUID.randomUUID().toString(), options, initiatorEmail, AuditAction.CREATED);
    }

    /** A run fired by a schedule: its owner is the initiator. */
    public BillRun createScheduled(String tenantId, String scheduleId, Instant scheduledTime, BillRunOptions options,
                                   String ownerEmail) {
        String key = tenantId + "|" + scheduleId + "|" + scheduledTime;
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return createAndStart(tenantId, id, options, ownerEmail, AuditAction.SCHEDULED);
    }

    private BillRun createAndStart(String tenantId, String id, BillRunOptions options, String initiatorEmail,
                                   AuditAction how) {
        BillRunOptionsCheck.check(options);
        if (initiatorEmail == null || initiatorEmail.isBlank()) {
            throw new BillingDataException("initiator", "a run needs an initiator to notify");
        }
        Instant now = clock.instant();
        BillRun run = runs.create(BillRun.pending(tenantId, id, options, initiatorEmail, now)
                .withAudit(new AuditEntry(how, initiatorEmail, now)));
        if (run.status() == BillRunStatus.PENDING) {
            starter.start(tenantId, run.id());
        }
        return run;
    }
}
