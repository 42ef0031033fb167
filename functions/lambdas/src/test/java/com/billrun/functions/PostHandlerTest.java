package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.Counters;
import com.billrun.store.InvoiceIds;
import com.billrun.store.InvoicePosting;
import com.billrun.store.StoredInvoice;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.usecases.billrun.PostBillRun;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The post function, invoked as the state machines invoke it: {@code {tenantId, billRunId}} (PostPage), with
 * {@code reserve: true} (PostStart) or with {@code lane, lanes} (a lane) → {@code {done, invoicesPosted}}.
 */
class PostHandlerTest {

    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void postingTwicePostsOnceWithGapFreeNumbersAndBalancesAddedOnce() {
        Tenants tenant = Tenants.fresh(local, "post-twice");
        tenant.monthly("A1", "USD", "145.16");
        tenant.monthly("A2", "EUR", "99.90");
        tenant.monthly("A3", "JPY", "12000");
        BillRun run = tenant.completedRun();

        JsonAnswer first = post(tenant, run);
        JsonAnswer second = post(tenant, run);

        assertEquals(new JsonAnswer(true, 3), first);
        assertEquals(new JsonAnswer(true, 0), second, "a POSTED run has nothing left to post");
        assertEquals(BillRunStatus.POSTED, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
        assertEquals(List.of("INV-000001", "INV-000002", "INV-000003"), numbers(tenant, run));
        assertEquals(new BigDecimal("145.16"), balance(tenant, "A1"));
        assertEquals(new BigDecimal("99.90"), balance(tenant, "A2"));
        assertEquals(new BigDecimal("12000"), balance(tenant, "A3"));
        assertEquals(3, local.store().counters().last(tenant.tenantId(), Counters.INVOICE));
    }

    @Test
    void aRunThatCannotPostReservesNothingReturnsToCompletedAndCanBePostedAgain() {
        Tenants tenant = Tenants.fresh(local, "post-fail");
        int page = InvoicePosting.PAGE_SIZE;
        int invoices = page + 5;
        IntStream.rangeClosed(1, invoices).forEach(i -> tenant.monthly("A%02d".formatted(i), "USD", "10.00"));
        BillRun run = tenant.completedRun();
        // The account whose invoice id sorts last (on the second page) is gone: posting checks every draft's account
        // before it reserves the run's numbers.
        String lastAccount = IntStream.rangeClosed(1, invoices).mapToObj("A%02d"::formatted)
                .max(Comparator.comparing((String account) -> InvoiceIds.of(run.id(), account))).orElseThrow();
        var gone = local.store().accounts().find(tenant.tenantId(), lastAccount).orElseThrow();
        local.runtime().dynamoDb().deleteItem(b -> b.tableName(local.store().table().name())
                .key(Keys.account(tenant.tenantId(), lastAccount).toAttributes()));

        Invocation failed = local.invokeFunction("PostFunction", Tenants.task(tenant.tenantId(), run.id()));

        assertTrue(failed.failed());
        assertEquals("com.billrun.store.PostingException", failed.error().orElseThrow().errorType());
        BillRun returned = local.store().billRuns().get(tenant.tenantId(), run.id());
        assertEquals(BillRunStatus.COMPLETED, returned.status());
        assertTrue(returned.errorCause().contains(lastAccount), returned.errorCause());
        assertEquals(0, numbers(tenant, run).size(), "refused before any page");
        assertEquals(0, local.store().counters().last(tenant.tenantId(), Counters.INVOICE), "no number reserved");

        local.store().accounts().create(tenant.tenantId(), gone);
        JsonAnswer again = post(tenant, run);

        assertEquals(new JsonAnswer(true, invoices), again);
        assertEquals(IntStream.rangeClosed(1, invoices).mapToObj("INV-%06d"::formatted).toList(), numbers(tenant, run));
        assertEquals(new BigDecimal("10.00"), balance(tenant, lastAccount.equals("A01") ? "A02" : "A01"));
        assertEquals(new BigDecimal("10.00"), balance(tenant, lastAccount));
    }

    @Test
    void whenTimeRunsLowItStopsAfterAPageAndTheNextCallResumesAtTheFirstDraftLeft() {
        Tenants tenant = Tenants.fresh(local, "post-resume");
        int invoices = InvoicePosting.PAGE_SIZE + 3;
        IntStream.rangeClosed(1, invoices).forEach(i -> tenant.monthly("A%02d".formatted(i), "EUR", "1.00"));
        BillRun run = tenant.completedRun();
        var post = new PostBillRun(local.store().billRuns(), new InvoicePosting(local.store().table(), Clock.systemUTC()),
                (t, r, ids) -> { }, Clock.systemUTC());

        var first = post.post(tenant.tenantId(), run.id(), () -> false); // "no time for another page"
        BillRunStatus between = local.store().billRuns().get(tenant.tenantId(), run.id()).status();
        var second = post.post(tenant.tenantId(), run.id(), () -> false);

        // Groups of 20, 20 and 12 drafts (the worker's transactions): two pages of whole groups (DATA-MODEL.md "Post groups").
        List<Integer> pages = pageSizes(tenant, run);
        assertEquals(2, pages.size(), pages::toString);
        assertEquals(new PostBillRun.Progress(false, pages.get(0)), first);
        assertEquals(BillRunStatus.POST_IN_PROGRESS, between);
        assertEquals(new PostBillRun.Progress(false, pages.get(1)), second, "the last page, not yet known to be the last");
        assertEquals(new PostBillRun.Progress(true, 0), post.post(tenant.tenantId(), run.id(), () -> false));
        assertEquals(IntStream.rangeClosed(1, invoices).mapToObj("INV-%06d"::formatted).toList(), numbers(tenant, run));
    }

    @Test
    void reserveThenTwoLanesThenThePostPageCallPostEachPageOnceInItsLane() {
        Tenants tenant = Tenants.fresh(local, "post-lanes");
        int invoices = 2 * InvoicePosting.PAGE_SIZE + 1; // groups of 20 and 19: pages 0, 1, 2, lane 1 of 2 posts 0 and 2
        IntStream.rangeClosed(1, invoices).forEach(i -> tenant.monthly("A%03d".formatted(i), "USD", "2.00"));
        BillRun run = tenant.completedRun();
        String task = Tenants.task(tenant.tenantId(), run.id());

        JsonAnswer reserved = post(task.replace("}", ",\"reserve\":true}"));
        BillRunStatus between = local.store().billRuns().get(tenant.tenantId(), run.id()).status();
        JsonAnswer lane2 = post(task.replace("}", ",\"lane\":2,\"lanes\":2}"));
        JsonAnswer lane1 = post(task.replace("}", ",\"lane\":1,\"lanes\":2}"));
        JsonAnswer finish = post(task);

        assertEquals(new JsonAnswer(false, 0), reserved, "numbers reserved, nothing posted");
        assertEquals(BillRunStatus.POST_IN_PROGRESS, between);
        assertEquals(invoices, local.store().counters().last(tenant.tenantId(), Counters.INVOICE), "the block, taken at once");
        List<Integer> pages = pageSizes(tenant, run);
        assertEquals(3, pages.size(), pages::toString);
        assertEquals(new JsonAnswer(true, pages.get(1)), lane2);
        assertEquals(new JsonAnswer(true, pages.get(0) + pages.get(2)), lane1);
        assertEquals(new JsonAnswer(true, 0), finish, "nothing left but the POSTED status");
        assertEquals(BillRunStatus.POSTED, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
        assertEquals(IntStream.rangeClosed(1, invoices).mapToObj("INV-%06d"::formatted).toList(), numbers(tenant, run));
        assertEquals(new BigDecimal("2.00"), balance(tenant, "A001"));
        assertEquals(new BigDecimal("2.00"), balance(tenant, "A%03d".formatted(invoices)));
    }

    @Test
    void aLaneOutsideItsLanesOrOfARunNotBeingPostedIsRefusedAndChangesNothing() {
        Tenants tenant = Tenants.fresh(local, "post-lane-bad");
        tenant.monthly("A1", "USD", "5.00");
        BillRun run = tenant.completedRun();
        String task = Tenants.task(tenant.tenantId(), run.id());

        Invocation outside = local.invokeFunction("PostFunction", task.replace("}", ",\"lane\":3,\"lanes\":2}"));
        Invocation notStarted = local.invokeFunction("PostFunction", task.replace("}", ",\"lane\":1,\"lanes\":2}"));

        assertEquals("java.lang.IllegalArgumentException", outside.error().orElseThrow().errorType());
        assertEquals("com.billrun.store.BillRunConflictException", notStarted.error().orElseThrow().errorType(),
                "a lane never starts a post: PostStart does");
        assertEquals(BillRunStatus.COMPLETED, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
        assertEquals(0, local.store().counters().last(tenant.tenantId(), Counters.INVOICE));
        assertEquals(List.of(), numbers(tenant, run));
    }

    record JsonAnswer(boolean done, int invoicesPosted) {
    }

    private JsonAnswer post(Tenants tenant, BillRun run) {
        return post(Tenants.task(tenant.tenantId(), run.id()));
    }

    private JsonAnswer post(String task) {
        Invocation invocation = local.invokeFunction("PostFunction", task);
        assertTrue(!invocation.failed(), () -> "post failed: " + invocation.error());
        var answer = LocalBillrun.json(invocation.payloadText());
        return new JsonAnswer(answer.get("done").asBoolean(), answer.get("invoicesPosted").asInt());
    }

    private List<String> numbers(Tenants tenant, BillRun run) {
        return local.store().invoices().ofRun(tenant.tenantId(), run.id(), InvoiceStatus.POSTED, null, 200).items().stream()
                .map(StoredInvoice::number).sorted().toList();
    }

    /** The drafts of each page of the run's first block, in page order. */
    private List<Integer> pageSizes(Tenants tenant, BillRun run) {
        ItemReader block = local.store().table().get(Keys.billRun(tenant.tenantId(), run.id())).orElseThrow()
                .maps("postBlocks").getFirst();
        return IntStream.range(0, (int) block.numberOrZero("pages")).mapToObj(page -> local.store().table()
                .get(Keys.postPage(tenant.tenantId(), run.id(), block.string("plan"), page)).orElseThrow()
                .strings("invoiceIds").size()).toList();
    }

    private BigDecimal balance(Tenants tenant, String accountId) {
        return local.store().accounts().find(tenant.tenantId(), accountId).orElseThrow().balance();
    }
}
