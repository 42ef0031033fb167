package com.billrun.usecases.billrun;

import static com.billrun.usecases.billrun.RunFixture.DECEMBER_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.billrun.core.BillingDataException;

import com.billrun.core.AccountStatus;
import com.billrun.core.ChargeType;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.AuditEntry;
import com.billrun.store.BatchFailure;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunCounts;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillRunStatus;
import com.billrun.store.InvoiceIds;
import com.billrun.store.InvoicePosting;
import com.billrun.store.RunChange;
import com.billrun.store.RunOptionsBuilder;
import com.billrun.store.dynamodb.Keys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The use cases of a run's life on DynamoDB Local: create, prepare (selection), complete, mark error, cancel. */
class BillRunLifecycleTest {

    private final RunFixture fixture = new RunFixture();

    @Test
    void optionsThatBreakARuleAreRefusedNamingTheField() {
        var refused = assertThrows(BillingDataException.class, () -> fixture.created(
                RunOptionsBuilder.on(DECEMBER_1).billCycleDay(32).build()));
        assertEquals("billCycleDay", refused.field());
        var everything = assertThrows(BillingDataException.class, () -> fixture.created(
                RunOptionsBuilder.on(DECEMBER_1).excluding(ChargeType.values()).build()));
        assertEquals("chargeTypesToExclude", everything.field());
    }

    @Test
    void aCreatedRunIsPendingNumberedAndRemembersWhoAskedForIt() {
        BillRun run = fixture.created(BillRunOptions.allAccounts(DECEMBER_1));

        assertEquals(BillRunStatus.PENDING, run.status());
        assertEquals("BR-00001", run.number());
        assertEquals(RunFixture.FINANCE, run.initiatorEmail());
        assertEquals(AuditEntry.AuditAction.CREATED, run.auditTrail().getFirst().action());
    }

    @Test
    void prepareSelectsBillableAccountsOfTheBatchesAndCycleDayAndCutsThemIntoBatches() {
        fixture.account("A1", "USD", 1, "Batch1", AccountStatus.ACTIVE, "10.00");
        fixture.account("A2", "USD", 1, "Batch2", AccountStatus.PAST_DUE, "10.00");
        fixture.account("A3", "USD", 15, "Batch1", AccountStatus.ACTIVE, "10.00");
        fixture.account("A4", "USD", 1, "Batch1", AccountStatus.CLOSED, "10.00");
        fixture.account("A5", "USD", 1, "Batch3", AccountStatus.ACTIVE, "10.00");
        fixture.account("A6", "USD", 1, "Batch2", AccountStatus.ACTIVE, "10.00");
        BillRun run = fixture.created(RunOptionsBuilder.on(DECEMBER_1).batches("Batch1", "Batch2").billCycleDay(1).build());

        List<String> batchIds = fixture.prepare(run, 2);

        assertEquals(List.of("00001", "00002"), batchIds);
        assertEquals(List.of("A1", "A2", "A6"), fixture.selected(run));
        assertEquals(batchIds, fixture.prepare(run, 2), "a retried Prepare answers the same batches");
        BillRun processing = fixture.store.billRuns().get(fixture.tenantId, run.id());
        assertEquals(BillRunStatus.PROCESSING, processing.status());
        assertEquals(3, processing.counts().accountsSelected());
    }

    @Test
    void explicitAccountIdsAreBilledInTheOrderGivenWithoutUnknownOrClosedOnes() {
        fixture.account("A1", "USD", 1, "Batch1", AccountStatus.ACTIVE, "10.00");
        fixture.account("A2", "USD", 7, "Batch1", AccountStatus.ACTIVE, "10.00");
        fixture.account("A3", "USD", 1, "Batch1", AccountStatus.CLOSED, "10.00");
        BillRun run = fixture.created(RunOptionsBuilder.on(DECEMBER_1).accountIds("A2", "nobody", "A3", "A1", "A2").build());

        fixture.prepare(run, 500);

        assertEquals(List.of("A2", "A1"), fixture.selected(run));
    }

    @Test
    void aRunThatSelectsNobodyCompletesWithZeroCounts() {
        BillRun run = fixture.generated();

        assertEquals(BillRunStatus.COMPLETED, run.status());
        assertEquals(BillRunCounts.NONE, run.counts());
    }

    @Test
    void aRunWhereNoSelectedAccountCouldBeBilledEndsInError() {
        fixture.account("X1", "ABC", 1, "Batch1", AccountStatus.ACTIVE, "10.00");

        BillRun run = fixture.generated();

        assertEquals(BillRunStatus.ERROR, run.status());
        assertEquals(new BillRunCounts(1, 0, 0, 1), run.counts());
        assertTrue(run.errorCause().contains("none of the 1 selected accounts"), run.errorCause());
    }

    @Test
    void aGenerateErrorEndsInErrorAndAPostErrorReturnsToCompleted() {
        fixture.monthly("A1", "10.00");
        BillRun processing = fixture.created(BillRunOptions.allAccounts(DECEMBER_1));
        fixture.prepare(processing, 500);
        MarkBillRunError markError = new MarkBillRunError(fixture.store.billRuns(), fixture.store.batches());

        BillRun failed = markError.mark(fixture.tenantId, processing.id(), MarkBillRunError.Phase.GENERATE, "States.Timeout");
        BillRun again = markError.mark(fixture.tenantId, processing.id(), MarkBillRunError.Phase.GENERATE, "second opinion");

        assertEquals(BillRunStatus.ERROR, failed.status());
        assertEquals("States.Timeout", again.errorCause(), "a run already in ERROR keeps its first cause");
        BillRun completed = fixture.generated();
        fixture.store.billRuns().transition(fixture.tenantId, completed.id(), Set.of(BillRunStatus.COMPLETED),
                BillRunStatus.POST_IN_PROGRESS, RunChange.none());
        assertEquals(BillRunStatus.COMPLETED, markError.mark(fixture.tenantId, completed.id(), MarkBillRunError.Phase.POST,
                "Lambda.Unknown").status());
    }

    @Test
    void whenABatchsChildExecutionFailedTheRunsErrorNamesTheBatchesThatDidNotFinishAndWhy() {
        fixture.monthly("A1", "10.00");
        fixture.monthly("A2", "20.00");
        fixture.monthly("A3", "30.00");
        BillRun processing = fixture.created(BillRunOptions.allAccounts(DECEMBER_1));
        List<String> batches = fixture.prepare(processing, 1);
        new InvoiceBatch(fixture.store).invoice(fixture.tenantId, processing.id(), batches.get(0), () -> { });
        InvoiceBatch worker = new InvoiceBatch(fixture.store);
        assertTrue(worker.recordFailure(fixture.tenantId, processing.id(), batches.get(1), new BatchFailure(
                "IllegalStateException", "the batch's accounts are unreadable", Instant.parse("2026-12-01T00:05:00Z"))));
        assertFalse(worker.recordFailure(fixture.tenantId, processing.id(), batches.get(0), new BatchFailure(
                "IllegalStateException", "too late", Instant.parse("2026-12-01T00:06:00Z"))), "an invoiced batch did not fail");
        assertFalse(worker.recordFailure(fixture.tenantId, processing.id(), "00099", new BatchFailure(
                "NotFoundException", "no such batch", Instant.parse("2026-12-01T00:06:00Z"))), "no batch item is created");

        BillRun failed = new MarkBillRunError(fixture.store.billRuns(), fixture.store.batches()).mark(fixture.tenantId,
                processing.id(), MarkBillRunError.Phase.GENERATE,
                "States.ExceedToleratedFailureThreshold: The specified tolerated failure threshold was exceeded");

        assertEquals(BillRunStatus.ERROR, failed.status());
        assertEquals("States.ExceedToleratedFailureThreshold: The specified tolerated failure threshold was exceeded"
                + " — 1 of 3 batches failed: 00002 (IllegalStateException: the batch's accounts are unreadable);"
                + " 1 of 3 batches unfinished with no failure recorded (a task timed out or was stopped): 00003",
                failed.errorCause());
        assertEquals(3, fixture.store.batches().all(fixture.tenantId, processing.id()).size(), "nothing else written");
    }

    @Test
    void cancelIsRefusedOnceAnInvoiceOfTheRunIsPosted() {
        fixture.monthly("A1", "10.00");
        BillRun run = fixture.generated();
        new InvoicePosting(fixture.store.table(), Clock.systemUTC()).postNextPage(fixture.tenantId, run.id());

        var refused = assertThrows(BillRunConflictException.class, () -> cancel(run));
        assertTrue(refused.getMessage().contains("posted invoices"), refused.getMessage());
        assertEquals(BillRunStatus.COMPLETED, fixture.store.billRuns().get(fixture.tenantId, run.id()).status());
    }

    @Test
    void cancelIsRefusedOnceAPostReservedTheRunsNumbersEvenWithNoInvoicePosted() {
        fixture.monthly("A1", "10.00");
        BillRun run = fixture.generated();
        // As a post leaves it when it reserved the run's numbers and then failed before any page committed.
        fixture.store.table().update(b -> b.key(Keys.billRun(fixture.tenantId, run.id()).toAttributes())
                .updateExpression("SET postBlocks = :blocks")
                .expressionAttributeValues(Map.of(":blocks", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "first", AttributeValue.fromN("1"), "count", AttributeValue.fromN("1"),
                        "plan", AttributeValue.fromS("plan-1"), "prefix", AttributeValue.fromS("INV-"),
                        "digits", AttributeValue.fromN("6"))))))));

        var refused = assertThrows(BillRunConflictException.class, () -> cancel(run));

        assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
        assertEquals(BillRunStatus.COMPLETED, fixture.store.billRuns().get(fixture.tenantId, run.id()).status());
        assertEquals(InvoiceStatus.DRAFT, fixture.store.invoices().get(fixture.tenantId, InvoiceIds.of(run.id(), "A1"))
                .invoice().status(), "its draft kept for its reserved number");
    }

    @Test
    void cancelIsRefusedWhenALaterRunAlreadyBilledPastIt() {
        fixture.monthly("A1", "10.00");
        BillRun december = fixture.generated();
        BillRun january = fixture.generated(BillRunOptions.allAccounts(DECEMBER_1.plusMonths(1)));
        assertEquals(1, january.counts().invoicesGenerated());

        var refused = assertThrows(BillRunConflictException.class, () -> cancel(december));

        assertTrue(refused.getMessage().contains("A1"), refused.getMessage());
        assertEquals(BillRunStatus.COMPLETED, fixture.store.billRuns().get(fixture.tenantId, december.id()).status());
        cancel(january);
        assertEquals(BillRunStatus.CANCELED, cancel(december).status(), "once the later run is canceled");
        assertEquals(InvoiceStatus.CANCELED, fixture.store.invoices().get(fixture.tenantId,
                InvoiceIds.of(december.id(), "A1")).invoice().status());
    }

    @Test
    void aProcessingRunCannotBeCanceledAndACanceledOneCanBeAskedAgain() {
        fixture.monthly("A1", "10.00");
        BillRun processing = fixture.created(BillRunOptions.allAccounts(DECEMBER_1));
        fixture.prepare(processing, 500);
        assertThrows(BillRunConflictException.class, () -> cancel(processing));

        BillRun completed = fixture.generated();
        cancel(completed);
        BillRun again = cancel(completed);

        assertEquals(BillRunStatus.CANCELED, again.status());
        assertEquals(1, again.auditTrail().stream().filter(e -> e.action() == AuditEntry.AuditAction.CANCELED).count());
    }

    private BillRun cancel(BillRun run) {
        return new CancelBillRun(fixture.store, Clock.systemUTC()).cancel(fixture.tenantId, run.id(), "cfo@acme.example");
    }
}
