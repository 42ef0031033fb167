package com.billrun.functions.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillingFailure;
import com.billrun.store.BillrunStore;
import com.billrun.store.InvoiceIds;
import com.billrun.store.StoredInvoice;
import com.billrun.usecases.billrun.CancelBillRun;
import com.billrun.usecases.billrun.MarkBillRunError.Phase;
import com.billrun.usecases.billrun.MarkBillRunError;
import com.billrun.usecases.billrun.RunFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The invoice worker on DynamoDB Local, fed SQS events as Lambda feeds it, its task answers recorded. Accounts are
 * billed a flat monthly fee in advance from December 1st (bill cycle day 1); a run on December 1st bills December.
 */
class InvoiceWorkerHandlerTest {

    private final RunFixture tenant = new RunFixture();
    private final BillrunStore store = tenant.store;
    private final RecordedTasks tasks = new RecordedTasks();
    private final InvoiceWorkerHandler worker = new InvoiceWorkerHandler(store, tasks, Clock.systemUTC());

    @Test
    void aFailingAccountIsRecordedWithItsReasonAndTheOthersAreInvoiced() {
        tenant.monthly("A1", "USD", "145.16");
        tenant.monthly("A2", "EUR", "99.90");
        tenant.monthly("B1", "USD", "-10.00");
        tenant.monthly("C1", "ABC", "10.00");
        BillRun run = tenant.processing();

        SQSBatchResponse response = worker.handle(event(run, "00001", "token-1"), null);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Map.of("batchId", "00001", "accountsSelected", 4L, "accountsProcessed", 3L, "invoicesGenerated", 2L,
                "failedAccounts", 2L), tasks.last().output());
        assertEquals(new BigDecimal("145.16"), invoice(run, "A1").invoice().total());
        assertEquals(new BigDecimal("99.90"), invoice(run, "A2").invoice().total());
        List<BillingFailure> failures = store.runAccounts().failures(tenant.tenantId, run.id(), null, 10).items();
        assertEquals(List.of("B1", "C1"), failures.stream().map(BillingFailure::accountId).toList());
        assertEquals("S-B1", failures.get(0).subscriptionId());
        assertEquals("charges[0].price", failures.get(0).field());
        assertEquals(null, failures.get(1).subscriptionId(), "the whole account failed");
        assertEquals("account.currency", failures.get(1).field());
        assertFalse(failures.get(1).reason().isBlank());
    }

    @Test
    void theSameMessageDeliveredTwiceWritesOneInvoiceAndAnswersTheSame() {
        tenant.monthly("A1", "USD", "145.16");
        tenant.monthly("A2", "USD", "20.00");
        BillRun run = tenant.processing();

        worker.handle(event(run, "00001", "token-1"), null);
        long versionAfterFirst = tenant.version("A1");
        worker.handle(event(run, "00001", "token-1"), null);

        assertEquals(2, tasks.answers().size());
        assertEquals(tasks.answers().get(0), tasks.answers().get(1));
        assertEquals(2, store.invoices().ofRun(tenant.tenantId, run.id(), null, 10).items().size());
        assertEquals(versionAfterFirst, tenant.version("A1"), "the redelivery moved no charged-through date");
        assertEquals(Map.of("USD", new BigDecimal("165.16")), tenant.complete(run).totals().byCurrency());
    }

    @Test
    void twoRunsOverTheSameAccountsAtOnceBillEachPeriodOnce() {
        IntStream.rangeClosed(1, 40).forEach(i -> tenant.monthly("A%02d".formatted(i), "USD", "145.16"));
        BillRun first = tenant.processing();
        BillRun second = tenant.processing();

        CompletableFuture<SQSBatchResponse> one = CompletableFuture.supplyAsync(() -> worker.handle(event(first, "00001", "t-1"), null));
        CompletableFuture<SQSBatchResponse> two = CompletableFuture.supplyAsync(() -> worker.handle(event(second, "00001", "t-2"), null));
        one.join();
        two.join();

        BigDecimal billed = tenant.complete(first).totals().byCurrency().getOrDefault("USD", BigDecimal.ZERO)
                .add(tenant.complete(second).totals().byCurrency().getOrDefault("USD", BigDecimal.ZERO));
        assertEquals(new BigDecimal("5806.40"), billed, "40 accounts × 145.16, once each");
        for (int i = 1; i <= 40; i++) {
            String accountId = "A%02d".formatted(i);
            long invoices = List.of(first, second).stream()
                    .filter(run -> store.invoices().find(tenant.tenantId, InvoiceIds.of(run.id(), accountId)).isPresent()).count();
            assertEquals(1, invoices, accountId + " is invoiced by exactly one run");
        }
        assertTrue(tasks.answers().stream().allMatch(RecordedTasks.Answer::succeeded));
    }

    @Test
    void aCanceledRunsPeriodsAreBilledAgainByTheNextRun() {
        tenant.monthly("A1", "USD", "145.16");
        tenant.monthly("A2", "JPY", "12000");
        BillRun canceled = tenant.processing();
        worker.handle(event(canceled, "00001", "t-1"), null);
        tenant.complete(canceled);

        new CancelBillRun(store, Clock.systemUTC()).cancel(tenant.tenantId, canceled.id(), "cfo@acme.example");
        BillRun rerun = tenant.processing();
        worker.handle(event(rerun, "00001", "t-2"), null);

        assertEquals(InvoiceStatus.CANCELED, invoice(canceled, "A1").invoice().status());
        assertEquals(InvoiceStatus.CANCELED, invoice(canceled, "A2").invoice().status());
        assertEquals(new BigDecimal("145.16"), invoice(rerun, "A1").invoice().total());
        assertEquals(new BigDecimal("12000"), invoice(rerun, "A2").invoice().total());
        assertEquals(Map.of("JPY", new BigDecimal("12000"), "USD", new BigDecimal("145.16")),
                tenant.complete(rerun).totals().byCurrency());
    }

    @Test
    void aBatchOfARunThatIsNoLongerProcessingFailsItsTaskAndIsNotRetried() {
        tenant.monthly("A1", "USD", "145.16");
        BillRun run = tenant.processing();
        new MarkBillRunError(store.billRuns(), store.batches()).mark(tenant.tenantId, run.id(), Phase.GENERATE, "States.Timeout");

        SQSBatchResponse response = worker.handle(event(run, "00001", "late"), null);

        assertEquals(List.of(), response.getBatchItemFailures(), "delivering it again would change nothing");
        assertTrue(tasks.last().error().startsWith("BillRunConflictException"), tasks.last().error());
        assertTrue(store.invoices().find(tenant.tenantId, InvoiceIds.of(run.id(), "A1")).isEmpty());
        var failure = store.batches().find(tenant.tenantId, run.id(), "00001").orElseThrow().failure().orElseThrow();
        assertEquals("BillRunConflictException", failure.error(), "recorded on the batch for the run's error");
        assertTrue(failure.message().contains("is ERROR"), failure.message());
    }

    private StoredInvoice invoice(BillRun run, String accountId) {
        return store.invoices().get(tenant.tenantId, InvoiceIds.of(run.id(), accountId));
    }

    private SQSEvent event(BillRun run, String batchId, String taskToken) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody("{\"tenantId\":\"%s\",\"billRunId\":\"%s\",\"batchId\":\"%s\",\"taskToken\":\"%s\"}"
                .formatted(tenant.tenantId, run.id(), batchId, taskToken));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }
}
