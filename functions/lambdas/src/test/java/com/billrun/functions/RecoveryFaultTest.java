package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.sfn.ExecutionStatusEvents;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.AccountOutcome;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.Counters;
import com.billrun.store.InvoiceIds;
import com.billrun.store.Page;
import com.billrun.store.RunAccount;
import com.billrun.store.StoredInvoice;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Faults in the middle of a run, on a whole local Billrun whose table is on disk ({@link RecoveryStack}): the stack
 * killed mid-generation and mid-post and started again on the same data, StopExecution mid-generation and
 * mid-post, and one of the post's lanes failing (a post in lanes, and the same post resumed). Each ends with every selected account billed exactly once (outcomes, invoices, charged-through dates)
 * or, when posting, every invoice posted once with gap-free numbers and balances moved once. The recovery times
 * are printed ("recovery: ..."), never asserted.
 */
class RecoveryFaultTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String INITIATOR = Tenants.INITIATOR;
    private static final LocalDate NEXT_PERIOD = LocalDate.of(2027, 1, 1);
    /** Batches of 50, recorded 20 accounts to a transaction: post groups of 20, 20 and 10, whole groups to a page. */
    private static final int LANE_ACCOUNTS = 300;
    /** One post lane: PostStart, then one lane's calls one page each, so that a hold stops the post at a known page. */
    private static final Map<String, Object> ONE_LANE = Map.of("PostLanes", 1);

    @TempDir
    Path data;

    @Test
    void aStackKilledMidGenerationResumesTheRunWhenItStartsAgainAndBillsEveryAccountOnce() throws Exception {
        String tenant = "restart-generate";
        String runId;
        long recordedAtCrash;
        try (RecoveryStack first = RecoveryStack.start(data, 2)) {
            seed(first.store, tenant, 60);
            first.holdBatches();
            runId = createRun(first, tenant, false);
            await(() -> first.batchesDone.get() >= 10, "ten batches done");
            recordedAtCrash = outcomes(first.store, tenant, runId).size();
            assertTrue(recordedAtCrash > 0 && recordedAtCrash < 60, "stopped mid-generation: " + recordedAtCrash);
            assertEquals(BillRunStatus.PROCESSING, first.store.billRuns().get(tenant, runId).status());
            first.crash();
        }

        long restarting = System.nanoTime();
        try (RecoveryStack second = RecoveryStack.start(data, 2)) {
            long up = System.nanoTime();
            var resumed = second.resumeUnfinished();
            assertEquals(1, resumed.stream().filter(r -> r.run().billRunId().equals(runId) && r.resumed()).count(), resumed.toString());
            Execution execution = second.awaitExecution("BillRunStateMachine", runId + "-resume-1", PATIENCE);
            long done = System.nanoTime();
            System.out.printf("recovery: restart -> run completed: %.2f s (stack start %d ms, resume -> COMPLETED %d ms; "
                            + "60 accounts, %d billed before the crash)%n", (done - restarting) / 1e9,
                    (up - restarting) / 1_000_000, (done - up) / 1_000_000, recordedAtCrash);

            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
            BillRun run = second.store.billRuns().get(tenant, runId);
            assertEquals(BillRunStatus.COMPLETED, run.status());
            assertEquals(60, run.counts().accountsSelected());
            assertEquals(60, run.counts().accountsProcessed());
            assertEquals(60, run.counts().invoicesGenerated());
            assertEquals(0, run.counts().failedAccounts());
            assertEquals(new BigDecimal("600.00"), run.totals().byCurrency().get("USD"));
            assertEquals(AuditAction.RESUMED, run.auditTrail().getLast().action());
            assertEquals("local-restart@billrun.example", run.auditTrail().getLast().by());
            assertBilledOnce(second.store, tenant, runId, 60);
        }
    }

    @Test
    void stopExecutionMidGenerationEndsTheRunInErrorQueuedBatchesBillNothingAndResumeCompletesIt() throws Exception {
        String tenant = "stop-generate";
        try (RecoveryStack stack = RecoveryStack.start(data, 2)) {
            seed(stack.store, tenant, 60);
            stack.holdBatches();
            String runId = createRun(stack, tenant, false);
            await(() -> stack.batchesDone.get() >= 10 && queued(stack) > 0, "ten batches done and the next ones queued");
            String write = stack.token(tenant, INITIATOR, "billing/write");
            var whileRunning = stack.call("POST", "/bill-runs/" + runId + "/resume", write, null);
            assertEquals(409, whileRunning.statusCode());
            assertTrue(whileRunning.body().contains("still driven by execution " + runId), whileRunning.body());

            long recordedAtStop = outcomes(stack.store, tenant, runId).size();
            String arn = stack.executionArn("BillRunStateMachine", runId);
            long stopping = System.nanoTime();
            stack.stepFunctions.engine().stopExecution(arn, "Operator.Stop", "stopped by hand");
            await(() -> stack.store.billRuns().get(tenant, runId).status() == BillRunStatus.ERROR, "ERROR by the reconciler");
            System.out.printf("recovery: StopExecution -> run ERROR recorded by the reconciler: %d ms%n",
                    (System.nanoTime() - stopping) / 1_000_000);

            BillRun stopped = stack.store.billRuns().get(tenant, runId);
            assertTrue(stopped.errorCause().contains("execution " + runId + " ended ABORTED: Operator.Stop (stopped by hand)"),
                    stopped.errorCause());
            List<SentEmail> told = awaitEmails(stack, e -> e.text().contains(runId), 1);
            assertEquals(1, told.size());
            assertEquals(List.of(INITIATOR), told.getFirst().to());
            assertEquals("Bill run %s failed".formatted(stopped.number()), told.getFirst().subject());
            assertTrue(told.getFirst().text().contains("ended ABORTED"), told.getFirst().text());

            stack.releaseBatches();
            await(() -> queued(stack) == 0, "the queued batches consumed");
            assertEquals(recordedAtStop, outcomes(stack.store, tenant, runId).size(), "queued batches of a stopped run bill nothing");
            assertEquals(BillRunStatus.ERROR, stack.store.billRuns().get(tenant, runId).status());

            // a duplicate of the event changes nothing and sends nothing
            var event = ExecutionStatusEvents.of(stack.stepFunctions.engine().execution(arn), Instant.now()).toString();
            assertEquals("ALREADY_SETTLED", outcomeOf(stack, event));

            stack.holdBatches();
            var resumed = stack.call("POST", "/bill-runs/" + runId + "/resume", write, null);
            assertEquals(202, resumed.statusCode(), resumed.body());
            assertEquals("PROCESSING", RecoveryStack.json(resumed.body()).get("status").asText());
            // the old execution's late event, while the resumed one runs, must not stop the run
            await(() -> stack.store.billRuns().get(tenant, runId).batchCount() != null, "prepared");
            assertEquals("STILL_DRIVEN", outcomeOf(stack, event));
            assertEquals(BillRunStatus.PROCESSING, stack.store.billRuns().get(tenant, runId).status());
            stack.releaseBatches();

            Execution execution = stack.awaitExecution("BillRunStateMachine", runId + "-resume-1", PATIENCE);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
            BillRun run = stack.store.billRuns().get(tenant, runId);
            assertEquals(BillRunStatus.COMPLETED, run.status());
            assertEquals(60, run.counts().invoicesGenerated());
            assertEquals(new BigDecimal("600.00"), run.totals().byCurrency().get("USD"));
            assertEquals(null, run.errorCause());
            assertEquals(INITIATOR, run.auditTrail().getLast().by());
            assertBilledOnce(stack.store, tenant, runId, 60);
            assertEquals(1, stack.stack.mailbox().sentEmails().stream()
                    .filter(e -> e.text().contains(runId) && e.subject().endsWith("failed")).count(), "one ERROR email");
        }
    }

    @Test
    void aStackKilledWhilePostingPostsTheRestWhenItStartsAgain() throws Exception {
        String tenant = "restart-post";
        String runId;
        try (RecoveryStack first = RecoveryStack.start(data, 50, ONE_LANE)) {
            seed(first.store, tenant, 120);
            runId = createRun(first, tenant, true);
            first.holdPostAfterCalls(2);
            var post = first.call("POST", "/bill-runs/" + runId + "/post", first.token(tenant, INITIATOR, "billing/post"), null);
            assertEquals(202, post.statusCode(), post.body());
            await(() -> first.postCalls.get() >= 3, "the numbers reserved, the lane's first page posted, its second call held");
            assertEquals(firstPageSize(first.store, tenant, runId), posted(first.store, tenant, runId).size(), "stopped mid-post");
            first.crash();
        }
        try (RecoveryStack second = RecoveryStack.start(data, 50)) { // resumed in the local runtime's four lanes
            assertEquals(BillRunStatus.POST_IN_PROGRESS, second.store.billRuns().get(tenant, runId).status());
            assertTrue(second.resumeUnfinished().stream().anyMatch(r -> r.run().billRunId().equals(runId) && r.resumed()));
            Execution execution = second.awaitExecution("PostRunStateMachine", runId + "-resume-1", PATIENCE);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
            assertPostedOnce(second.store, tenant, runId, 120);
        }
    }

    @Test
    void stopExecutionWhilePostingReturnsTheRunToCompletedAndPostingAgainPostsTheRestOnce() throws Exception {
        String tenant = "stop-post";
        try (RecoveryStack stack = RecoveryStack.start(data, 50, ONE_LANE)) {
            seed(stack.store, tenant, 120);
            String runId = createRun(stack, tenant, true);
            String post = stack.token(tenant, INITIATOR, "billing/post");
            stack.holdPostAfterCalls(2);
            assertEquals(202, stack.call("POST", "/bill-runs/" + runId + "/post", post, null).statusCode());
            await(() -> stack.postCalls.get() >= 3, "the numbers reserved, the lane's first page posted, its second call held");

            long stopping = System.nanoTime();
            stack.stepFunctions.engine().stopExecution(stack.executionArn("PostRunStateMachine", runId + "-post-1"), null, null);
            await(() -> stack.store.billRuns().get(tenant, runId).status() == BillRunStatus.COMPLETED, "COMPLETED by the reconciler");
            System.out.printf("recovery: StopExecution while posting -> run back to COMPLETED: %d ms%n",
                    (System.nanoTime() - stopping) / 1_000_000);
            BillRun stopped = stack.store.billRuns().get(tenant, runId);
            assertTrue(stopped.errorCause().startsWith("posting stopped: execution " + runId + "-post-1 ended ABORTED"),
                    stopped.errorCause());
            assertEquals(firstPageSize(stack.store, tenant, runId), posted(stack.store, tenant, runId).size());
            List<SentEmail> told = awaitEmails(stack, e -> e.text().contains(runId) && e.subject().startsWith("Posting"), 1);
            assertEquals("Posting bill run %s failed".formatted(stopped.number()), told.getFirst().subject());

            stack.releasePost();
            assertEquals(202, stack.call("POST", "/bill-runs/" + runId + "/post", post, null).statusCode());
            Execution again = stack.awaitExecution("PostRunStateMachine", runId + "-post-2", PATIENCE);
            assertEquals(ExecutionStatus.SUCCEEDED, again.status(), again.cause());
            assertPostedOnce(stack.store, tenant, runId, 120);
        }
    }

    @Test
    void aRunPostedInFourLanesTakesGapFreeNumbersInRunOrderAndMovesEachBalanceOnce() throws Exception {
        String tenant = "lanes-post";
        try (RecoveryStack stack = RecoveryStack.start(data, 50)) { // the local runtime's PostLanes: 4
            seed(stack.store, tenant, LANE_ACCOUNTS);
            String runId = createRun(stack, tenant, true);

            assertEquals(202, stack.call("POST", "/bill-runs/" + runId + "/post", stack.token(tenant, INITIATOR, "billing/post"), null)
                    .statusCode());
            Execution execution = stack.awaitExecution("PostRunStateMachine", runId + "-post-1", PATIENCE);

            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
            assertPostedOnce(stack.store, tenant, runId, LANE_ACCOUNTS);
            assertInRunOrder(stack.store, tenant, runId);
            assertEquals(LANE_ACCOUNTS, stack.store.billRuns().get(tenant, runId).progress().invoicesPosted());
            // PostStart first, then every lane (1 of 4 .. 4 of 4; each call posts one page here, so lanes with two
            // pages are called twice), then the PostPage loop, which finds nothing left but the POSTED status.
            List<JsonNode> calls = stack.postPayloads;
            assertTrue(calls.getFirst().path("reserve").asBoolean(), calls.toString());
            int pages = pages(stack.store, tenant, runId);
            List<Integer> lanePages = IntStream.range(0, pages).map(page -> page % 4 + 1).sorted().boxed().toList();
            assertEquals(lanePages, calls.stream().filter(call -> call.has("lane"))
                    .peek(call -> assertEquals(4, call.get("lanes").asInt())).map(call -> call.get("lane").asInt()).sorted().toList(),
                    "pages 0.." + (pages - 1) + " over four lanes: lane i posts pages i-1, i+3, ...");
            JsonNode last = calls.getLast();
            assertTrue(!last.has("lane") && !last.has("reserve"), "the PostPage loop last: " + last);
        }
    }

    @Test
    void aLaneThatFailsMidPostReturnsTheRunToCompletedAndPostingAgainPostsTheRestOnceWithTheSameNumbers() throws Exception {
        String tenant = "lane-fails";
        try (RecoveryStack stack = RecoveryStack.start(data, 50)) { // four lanes
            seed(stack.store, tenant, LANE_ACCOUNTS);
            String runId = createRun(stack, tenant, true);
            String post = stack.token(tenant, INITIATOR, "billing/post");
            stack.holdPostAfterCalls(1);
            assertEquals(202, stack.call("POST", "/bill-runs/" + runId + "/post", post, null).statusCode());
            await(() -> stack.postCalls.get() >= 5, "the numbers reserved, the four lanes' first calls held");
            // The account of the first draft of the last page goes missing after the reservation checked it: its lane
            // posts its earlier page, then fails.
            ItemReader block = firstBlock(stack.store, tenant, runId);
            String lastPageFirst = stack.store.table().get(Keys.postPage(tenant, runId, block.string("plan"),
                    (int) block.numberOrZero("pages") - 1)).orElseThrow().strings("invoiceIds").getFirst();
            String broken = stack.store.invoices().get(tenant, lastPageFirst).invoice().accountId();
            var gone = stack.store.accounts().find(tenant, broken).orElseThrow();
            stack.runtime.dynamoDb().deleteItem(b -> b.tableName(stack.store.table().name())
                    .key(Keys.account(tenant, broken).toAttributes()));
            stack.releasePost();

            Execution failed = stack.awaitExecution("PostRunStateMachine", runId + "-post-1", PATIENCE);
            assertEquals(ExecutionStatus.FAILED, failed.status());
            await(() -> stack.store.billRuns().get(tenant, runId).status() == BillRunStatus.COMPLETED, "the run back to COMPLETED");
            BillRun back = stack.store.billRuns().get(tenant, runId);
            assertTrue(back.errorCause().contains(broken), back.errorCause());
            int postedBefore = posted(stack.store, tenant, runId).size();
            assertTrue(postedBefore > 0 && postedBefore < LANE_ACCOUNTS, "posted: " + postedBefore);

            stack.store.accounts().create(tenant, gone); // fixed, then posted again
            assertEquals(202, stack.call("POST", "/bill-runs/" + runId + "/post", post, null).statusCode());
            Execution again = stack.awaitExecution("PostRunStateMachine", runId + "-post-2", PATIENCE);

            assertEquals(ExecutionStatus.SUCCEEDED, again.status(), again.cause());
            assertPostedOnce(stack.store, tenant, runId, LANE_ACCOUNTS);
            assertInRunOrder(stack.store, tenant, runId);
            assertEquals(LANE_ACCOUNTS, stack.store.counters().last(tenant, Counters.INVOICE), "one block, reserved once");
            assertEquals(LANE_ACCOUNTS, stack.store.billRuns().get(tenant, runId).progress().invoicesPosted(), "each page counted once");
        }
    }

    @Test
    void cancelOfAProcessingRunStopsItsExecutionThenUndoesWhatItBilled() throws Exception {
        String tenant = "cancel-processing";
        try (RecoveryStack stack = RecoveryStack.start(data, 2)) {
            seed(stack.store, tenant, 40);
            stack.holdBatches();
            String runId = createRun(stack, tenant, false);
            await(() -> stack.batchesDone.get() >= 10 && queued(stack) > 0, "ten batches done and the next ones queued");

            var canceled = stack.call("POST", "/bill-runs/" + runId + "/cancel", stack.token(tenant, INITIATOR, "billing/write"), null);
            assertEquals(202, canceled.statusCode(), canceled.body());
            assertEquals("CANCELED", RecoveryStack.json(canceled.body()).get("status").asText());
            assertEquals(ExecutionStatus.ABORTED, stack.stepFunctions.engine().execution(
                    stack.executionArn("BillRunStateMachine", runId)).status());
            stack.releaseBatches();
            await(() -> queued(stack) == 0, "the queued batches consumed");

            assertEquals(BillRunStatus.CANCELED, stack.store.billRuns().get(tenant, runId).status());
            for (StoredInvoice invoice : invoices(stack.store, tenant, runId)) {
                assertEquals(InvoiceStatus.CANCELED, invoice.invoice().status());
            }
            for (int i = 1; i <= 40; i++) {
                String account = accountId(i);
                var charge = stack.store.subscriptions().find(tenant, account, "S-" + account).orElseThrow()
                        .subscription().charges().getFirst();
                assertEquals(null, charge.chargedThroughDate(), account + ": the period is to be billed again");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void seed(BillrunStore store, String tenant, int accounts) {
        Tenants seeded = new Tenants(store, tenant);
        for (int i = 1; i <= accounts; i++) {
            seeded.monthly(accountId(i), "USD", "10.00");
        }
    }

    private static String accountId(int i) {
        return "A%03d".formatted(i);
    }

    /** Creates a run through the API; {@code generated}: waits for its generation to complete. */
    private static String createRun(RecoveryStack stack, String tenant, boolean generated) throws Exception {
        var accepted = stack.call("POST", "/bill-runs", stack.token(tenant, INITIATOR, "billing/write"),
                "{\"targetDate\":\"2026-12-01\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String runId = RecoveryStack.json(accepted.body()).get("id").asText();
        if (generated) {
            Execution execution = stack.awaitExecution("BillRunStateMachine", runId, PATIENCE);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
            assertEquals(BillRunStatus.COMPLETED, stack.store.billRuns().get(tenant, runId).status());
        }
        return runId;
    }

    private static String outcomeOf(RecoveryStack stack, String event) {
        var invocation = stack.runtime.runner().invoke("ReconcileFunction", event);
        assertTrue(!invocation.failed(), invocation.error().toString());
        return RecoveryStack.json(invocation.payloadText()).get("outcome").asText();
    }

    private static int queued(RecoveryStack stack) {
        var attributes = stack.runtime.sqs().getQueueAttributes(b -> b.queueUrl(stack.wired.queues().get("InvoiceQueue").url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static List<RunAccount> outcomes(BillrunStore store, String tenant, String runId) {
        return all(cursor -> store.runAccounts().accounts(tenant, runId, cursor, 100));
    }

    private static List<StoredInvoice> invoices(BillrunStore store, String tenant, String runId) {
        return all(cursor -> store.invoices().ofRun(tenant, runId, cursor, 100));
    }

    private static List<StoredInvoice> posted(BillrunStore store, String tenant, String runId) {
        return all(cursor -> store.invoices().ofRun(tenant, runId, InvoiceStatus.POSTED, cursor, 100));
    }

    private static <T> List<T> all(java.util.function.Function<String, Page<T>> pages) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** Every account: one INVOICED outcome, one invoice of 10.00 (in this run and in all), the period moved on once. */
    private static void assertBilledOnce(BillrunStore store, String tenant, String runId, int accounts) {
        List<RunAccount> outcomes = outcomes(store, tenant, runId);
        assertEquals(accounts, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.outcome() == AccountOutcome.INVOICED), outcomes.toString());
        List<StoredInvoice> invoices = invoices(store, tenant, runId);
        assertEquals(accounts, invoices.size());
        assertEquals(accounts, invoices.stream().map(i -> i.invoice().accountId()).distinct().count());
        for (int i = 1; i <= accounts; i++) {
            String account = accountId(i);
            assertEquals(1, store.invoices().ofAccount(tenant, account, null, 10).items().size(), account + ": one invoice");
            assertEquals(new BigDecimal("10.00"), store.invoices().ofAccount(tenant, account, null, 10).items().getFirst().invoice().total());
            assertEquals(NEXT_PERIOD, store.subscriptions().find(tenant, account, "S-" + account).orElseThrow()
                    .subscription().charges().getFirst().chargedThroughDate(), account + ": charged through");
        }
    }

    /** The run's numbers follow its invoice ids (run order): sorted by id, they are sorted by number. */
    /** Numbers follow run order: the run's post groups by id, each group's drafts by rank (DATA-MODEL.md "Post groups"). */
    private static void assertInRunOrder(BillrunStore store, String tenant, String runId) {
        Map<String, String> numbers = posted(store, tenant, runId).stream()
                .collect(Collectors.toMap(StoredInvoice::id, StoredInvoice::number));
        List<String> inRunOrder = store.table().all(ShardedQuery.ofTable(Keys.postGroupPartitions(tenant, runId),
                        Keys.POST_GROUP_PREFIX)).stream().flatMap(group -> group.strings("invoiceIds").stream())
                .map(numbers::get).toList();
        assertEquals(numbers.size(), inRunOrder.size(), "every invoice in one post group");
        assertEquals(inRunOrder.stream().sorted().toList(), inRunOrder, "numbers in run order");
    }

    /** The run's first block as its run item records it. */
    private static ItemReader firstBlock(BillrunStore store, String tenant, String runId) {
        return store.table().get(Keys.billRun(tenant, runId)).orElseThrow().maps("postBlocks").getFirst();
    }

    /** How many pages the run's first block has. */
    private static int pages(BillrunStore store, String tenant, String runId) {
        return (int) firstBlock(store, tenant, runId).numberOrZero("pages");
    }

    /** How many drafts the first page of the run's first block holds (whole post groups). */
    private static int firstPageSize(BillrunStore store, String tenant, String runId) {
        return store.table().get(Keys.postPage(tenant, runId, firstBlock(store, tenant, runId).string("plan"), 0))
                .orElseThrow().strings("invoiceIds").size();
    }

    /** POSTED; every invoice posted once, numbered INV-000001..n without a gap; each balance 10.00 (moved once). */
    private static void assertPostedOnce(BillrunStore store, String tenant, String runId, int accounts) {
        assertEquals(BillRunStatus.POSTED, store.billRuns().get(tenant, runId).status());
        List<StoredInvoice> posted = posted(store, tenant, runId);
        assertEquals(accounts, posted.size());
        Set<String> numbers = posted.stream().map(StoredInvoice::number).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(IntStream.rangeClosed(1, accounts).mapToObj("INV-%06d"::formatted).collect(Collectors.toCollection(TreeSet::new)),
                numbers);
        for (int i = 1; i <= accounts; i++) {
            assertEquals(0, new BigDecimal("10.00").compareTo(store.accounts().find(tenant, accountId(i)).orElseThrow().balance()),
                    accountId(i) + ": balance moved once");
        }
        assertBilledOnce(store, tenant, runId, accounts);
    }

    private static List<SentEmail> awaitEmails(RecoveryStack stack, java.util.function.Predicate<SentEmail> matching, int count)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<SentEmail> found;
        do {
            found = stack.stack.mailbox().sentEmails().stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            assertTrue(Instant.now().isBefore(deadline), "waited too long for: " + what);
            Thread.sleep(20);
        }
    }
}
