package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.InvoicePosting.Outcome;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DATA-MODEL.md "Post a run": a run's numbers reserved once as a block, its pages committed in parallel. Whatever
 * fails in between (a page that cannot post, a crash after the reservation, a replay, a second poster, drafts added
 * later, a number format changed), the tenant's numbers end gap-free, each run's in run order (invoice id), each
 * balance moved once.
 */
class ParallelPostingTest {

    private static final String TENANT = "parallel";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final int ACCOUNTS = 230; // five pages of 49, the last one short

    private final BillrunStore store = LocalTable.create();
    private final InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC(), 4);

    @Test
    void twoRunsPostedAtOnceWithAFailedPageInTheMiddleEndGapFreeInRunOrderWithEachBalanceMovedOnce() throws Exception {
        // The account of runA's third page's first draft: it goes missing once the numbers are reserved.
        String broken = accountId(2 * InvoicePosting.PAGE_SIZE + 1);
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> account(accountId(i)));
        // Both runs bill the same accounts (runB all but the broken one): their pages contend for the same balances.
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> {
            draft("runA", "runA-" + accountId(i), accountId(i), "10.00");
            if (!accountId(i).equals(broken)) {
                draft("runB", "runB-" + accountId(i), accountId(i), "0.25");
            }
        });
        int invoicesB = ACCOUNTS - 1;
        assertTrue(posting.planAndReserve(TENANT, "runA", 0));
        assertTrue(posting.planAndReserve(TENANT, "runB", 0));
        CustomerAccount gone = store.accounts().find(TENANT, broken).orElseThrow();
        store.table().delete(Keys.account(TENANT, broken), "accountId = :id", Map.of(":id", AttributeValue.fromS(broken)));

        CompletableFuture<Outcome> a = CompletableFuture.supplyAsync(() -> posting.post(TENANT, "runA", () -> true, page -> { }));
        CompletableFuture<Outcome> b = CompletableFuture.supplyAsync(() -> new InvoicePosting(store.table(), Clock.systemUTC(), 4)
                .post(TENANT, "runB", () -> true, page -> { }));

        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, a::join);
        assertInstanceOf(PostingException.class, failed.getCause());
        assertEquals(new Outcome(true, invoicesB), b.join());
        assertEquals((long) ACCOUNTS + invoicesB, store.counters().last(TENANT, Counters.INVOICE), "both blocks reserved, once");
        assertEquals(ACCOUNTS - InvoicePosting.PAGE_SIZE, posted("runA").size(), "every page of runA but the failed one");
        assertEquals(ACCOUNTS - InvoicePosting.PAGE_SIZE, store.billRuns().get(TENANT, "runA").progress().invoicesPosted());

        store.accounts().create(TENANT, gone); // fixed (a new account item: balance 0), then the post resumed
        assertEquals(new Outcome(true, InvoicePosting.PAGE_SIZE), posting.post(TENANT, "runA", () -> true, page -> { }));
        assertEquals(new Outcome(true, 0), posting.post(TENANT, "runA", () -> true, page -> { }), "nothing left");

        List<StoredInvoice> all = new ArrayList<>(posted("runA"));
        all.addAll(posted("runB"));
        assertEquals(IntStream.rangeClosed(1, ACCOUNTS + invoicesB).mapToObj("INV-%06d"::formatted).toList(),
                all.stream().map(StoredInvoice::number).sorted().toList(), "the tenant's numbers: 1..N, none twice");
        assertInRunOrder("runA");
        assertInRunOrder("runB");
        IntStream.rangeClosed(1, ACCOUNTS).filter(i -> !accountId(i).equals(broken))
                .forEach(i -> assertEquals(new BigDecimal("10.25"), balance(accountId(i)), accountId(i)));
        assertEquals(new BigDecimal("10.00"), balance(broken), "its runA invoice, added to the recreated account once");
        assertEquals(ACCOUNTS, store.billRuns().get(TENANT, "runA").progress().invoicesPosted(), "each page counted once");
        assertEquals(invoicesB, store.billRuns().get(TENANT, "runB").progress().invoicesPosted());
    }

    @Test
    void aPostResumedAfterACrashRightAfterTheReservationUsesTheSameBlock() {
        IntStream.rangeClosed(1, 60).forEach(i -> {
            account(accountId(i));
            draft("runC", "runC-" + accountId(i), accountId(i), "1.00");
        });
        draft("before", "before-1", accountId(1), "1.00");
        posting.postNextPage(TENANT, "before"); // number 1 taken by another run first
        assertTrue(posting.planAndReserve(TENANT, "runC", 0)); // ... and the poster dies here

        Outcome resumed = new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "runC", () -> true, page -> { });

        assertEquals(new Outcome(true, 60), resumed);
        assertEquals(List.of(new InvoicePosting.Block(2, 60, posting.blocks(TENANT, "runC").getFirst().planId(), "INV-", 6, 0)),
                posting.blocks(TENANT, "runC"), "one block, reserved once");
        assertEquals(61, store.counters().last(TENANT, Counters.INVOICE), "no number taken again");
        assertEquals(IntStream.rangeClosed(2, 61).mapToObj("INV-%06d"::formatted).toList(),
                posted("runC").stream().map(StoredInvoice::number).toList());
        assertInRunOrder("runC");
    }

    @Test
    void twoPostersOfOneRunAndAReplayPostEachInvoiceOnceAndCountItOnce() {
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> {
            account(accountId(i));
            draft("runD", "runD-" + accountId(i), accountId(i), "3.10");
        });

        // Two posters at once (a retried Lambda while the first still runs): one reservation, each page once.
        List<CompletableFuture<Outcome>> posters = IntStream.range(0, 2).mapToObj(n -> CompletableFuture.supplyAsync(() ->
                new InvoicePosting(store.table(), Clock.systemUTC(), 3).post(TENANT, "runD", () -> true, page -> { }))).toList();
        int postedByBoth = posters.stream().map(CompletableFuture::join).mapToInt(Outcome::invoicesPosted).sum();
        Map<String, BigDecimal> balancesBefore = balances();
        Outcome replay = posting.post(TENANT, "runD", () -> true, page -> { });

        assertEquals(ACCOUNTS, postedByBoth, "each invoice posted by one poster only");
        assertEquals(new Outcome(true, 0), replay, "a replay posts nothing");
        assertEquals(balancesBefore, balances(), "... and moves no balance");
        assertEquals(1, posting.blocks(TENANT, "runD").size());
        assertEquals(ACCOUNTS, store.counters().last(TENANT, Counters.INVOICE));
        assertEquals(ACCOUNTS, store.billRuns().get(TENANT, "runD").progress().invoicesPosted());
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> assertEquals(new BigDecimal("3.10"), balance(accountId(i))));
        assertInRunOrder("runD");
    }

    @Test
    void draftsAddedAfterTheReservationTakeANewBlockAndAFormatChangeMidPostKeepsTheBlocksFormat() {
        IntStream.rangeClosed(1, 3).forEach(i -> {
            account(accountId(i));
            draft("runE", "runE-" + accountId(i), accountId(i), "2.00");
        });
        assertTrue(posting.planAndReserve(TENANT, "runE", 0));
        store.settings().put(TENANT, new TenantConfiguration(null, "NEW/", null, 4, true)); // after the reservation
        posting.post(TENANT, "runE", () -> true, page -> { });
        // The run returned to COMPLETED and got a draft more (as a retry of its failures may give it); another run
        // takes a number in between.
        account("LATE");
        draft("runE", "runE-LATE", "LATE", "7.00");
        draft("other", "other-1", accountId(1), "1.00");
        posting.post(TENANT, "other", () -> true, page -> { });

        assertEquals(new Outcome(true, 1), posting.post(TENANT, "runE", () -> true, page -> { }));

        assertEquals(List.of("INV-000001", "INV-000002", "INV-000003"), posted("runE").stream()
                .filter(invoice -> !invoice.invoice().id().equals("runE-LATE")).map(StoredInvoice::number).toList(),
                "the block's format, as when it was reserved");
        assertEquals("NEW/0004", store.invoices().get(TENANT, "other-1").number());
        assertEquals("NEW/0005", store.invoices().get(TENANT, "runE-LATE").number(), "a block of its own, next number");
        assertEquals(2, posting.blocks(TENANT, "runE").size());
        assertEquals(5, store.counters().last(TENANT, Counters.INVOICE));
        assertEquals(new BigDecimal("7.00"), balance("LATE"));
    }

    @Test
    void fourLanesPostEveryPageOnceBetweenThemAndALaneThatFailedPostsItsPagesWithTheSameNumbersWhenResumed() {
        int invoices = 300; // pages 0..6: six of 49 and one of 6; lane i posts pages i-1 and i+3
        IntStream.rangeClosed(1, invoices).forEach(i -> {
            account(accountId(i));
            draft("runL", "runL-" + accountId(i), accountId(i), "4.20");
        });
        draft("first", "first-1", accountId(1), "1.00");
        posting.postNextPage(TENANT, "first"); // number 1 taken by another run first
        assertTrue(posting.reserve(TENANT, "runL"));
        assertTrue(posting.reserve(TENANT, "runL"), "a second reservation keeps the block");
        // Page 6 (lane 3's second page) holds ranks 294..299: the account of its first draft goes missing.
        String broken = accountId(6 * InvoicePosting.PAGE_SIZE + 1);
        CustomerAccount gone = store.accounts().find(TENANT, broken).orElseThrow();
        store.table().delete(Keys.account(TENANT, broken), "accountId = :id", Map.of(":id", AttributeValue.fromS(broken)));

        List<CompletableFuture<Outcome>> lanes = IntStream.rangeClosed(1, 4).mapToObj(lane -> CompletableFuture.supplyAsync(() ->
                new InvoicePosting(store.table(), Clock.systemUTC(), 2).postLane(TENANT, "runL", lane, 4, () -> true, page -> { })))
                .toList();

        assertEquals(new Outcome(true, 98), lanes.get(0).join(), "pages 0 and 4");
        assertEquals(new Outcome(true, 98), lanes.get(1).join(), "pages 1 and 5");
        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, lanes.get(2)::join);
        assertInstanceOf(PostingException.class, failed.getCause());
        assertEquals(new Outcome(true, 49), lanes.get(3).join(), "page 3 only");
        assertEquals(invoices - 6, posted("runL").size(), "every page but the failed one");
        assertEquals(invoices - 6, store.billRuns().get(TENANT, "runL").progress().invoicesPosted(), "what the lanes posted, counted");

        store.accounts().create(TENANT, gone); // fixed, then lane 3 resumed, and the post finished
        assertEquals(new Outcome(true, 6), posting.postLane(TENANT, "runL", 3, 4, () -> true, page -> { }));
        assertEquals(new Outcome(true, 0), posting.postLane(TENANT, "runL", 1, 4, () -> true, page -> { }), "nothing left in lane 1");
        assertEquals(new Outcome(true, 0), posting.post(TENANT, "runL", () -> true, page -> { }), "nothing left to post");

        assertEquals(1, posting.blocks(TENANT, "runL").size(), "one block, reserved once");
        assertEquals(invoices + 1, store.counters().last(TENANT, Counters.INVOICE));
        assertEquals(IntStream.rangeClosed(2, invoices + 1).mapToObj("INV-%06d"::formatted).toList(),
                posted("runL").stream().map(StoredInvoice::number).toList(), "gap-free, after the other run's number");
        assertInRunOrder("runL");
        IntStream.rangeClosed(1, invoices).filter(i -> !accountId(i).equals(broken))
                .forEach(i -> assertEquals(new BigDecimal(i == 1 ? "5.20" : "4.20"), balance(accountId(i)), accountId(i)));
        assertEquals(new BigDecimal("4.20"), balance(broken), "its invoice, added to the recreated account once");
        assertEquals(invoices, store.billRuns().get(TENANT, "runL").progress().invoicesPosted(), "each page counted once");
    }

    @Test
    void aRunWithNeitherBlockNorDraftHasNothingToReserve() {
        assertEquals(false, posting.reserve(TENANT, "runEmpty"));
        assertEquals(List.of(), posting.blocks(TENANT, "runEmpty"));
    }

    /** The run's invoices take consecutive numbers in invoice-id order (one block). */
    private void assertInRunOrder(String billRunId) {
        List<StoredInvoice> byId = posted(billRunId).stream()
                .sorted(Comparator.comparing((StoredInvoice invoice) -> invoice.invoice().id())).toList();
        List<Long> numbers = byId.stream().map(invoice -> Long.parseLong(invoice.number().substring(4))).toList();
        List<Long> sorted = new ArrayList<>(numbers);
        Collections.sort(sorted);
        assertEquals(sorted, numbers, billRunId + ": numbers in invoice-id order");
        assertEquals(numbers.getLast() - numbers.getFirst() + 1, numbers.size(), billRunId + ": consecutive");
    }

    private List<StoredInvoice> posted(String billRunId) {
        return store.invoices().ofRun(TENANT, billRunId, InvoiceStatus.POSTED, null, 1000).items().stream()
                .sorted(Comparator.comparing(StoredInvoice::number)).toList();
    }

    private Map<String, BigDecimal> balances() {
        return IntStream.rangeClosed(1, ACCOUNTS).mapToObj(ParallelPostingTest::accountId)
                .collect(Collectors.toMap(Function.identity(), this::balance));
    }

    private static String accountId(int i) {
        return "P%03d".formatted(i);
    }

    private void account(String id) {
        store.accounts().create(TENANT, Fixtures.account(id, "USD", 1, "Batch1"));
    }

    private void draft(String billRunId, String invoiceId, String accountId, String total) {
        BigDecimal amount = new BigDecimal(total);
        Invoice invoice = new Invoice(invoiceId, accountId, "USD", InvoiceStatus.DRAFT, DECEMBER_1,
                DECEMBER_1.plusDays(30), List.of(), amount, BigDecimal.ZERO.setScale(2), amount);
        Fixtures.putDraft(store, StoredInvoice.draft(TENANT, billRunId, invoice));
    }

    private BigDecimal balance(String accountId) {
        return store.accounts().find(TENANT, accountId).orElseThrow().balance();
    }
}
