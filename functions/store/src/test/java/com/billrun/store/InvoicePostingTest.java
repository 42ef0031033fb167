package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.InvoicePosting.PostedInvoice;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DATA-MODEL.md "Post a run": gap-free numbers, balances added once, all of a page or nothing. */
class InvoicePostingTest {

    private static final String TENANT = "acme";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);

    private final BillrunStore store = LocalTable.create();
    private final InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC());

    @Test
    void postsEveryDraftOfTheRunOnceWithGapFreeNumbersAndBalancesAddedOnce() {
        account("A1");
        account("A2");
        IntStream.rangeClosed(1, 60).forEach(i -> draft("run1", "A" + (i % 2 + 1) + "x" + i, i % 2 == 0 ? "A1" : "A2", "10.25"));

        List<PostedInvoice> posted = postAll("run1");
        List<PostedInvoice> again = postAll("run1");

        assertEquals(60, posted.size(), "two pages");
        assertEquals(IntStream.rangeClosed(1, 60).mapToObj("INV-%06d"::formatted).toList(),
                posted.stream().map(PostedInvoice::number).sorted().toList());
        assertEquals(List.of(), again, "a posted run has nothing left to post");
        assertEquals(new BigDecimal("307.50"), balance("A1"), "30 invoices of 10.25, added once");
        assertEquals(new BigDecimal("307.50"), balance("A2"));
        assertEquals(60, store.counters().last(TENANT, Counters.INVOICE));
        store.invoices().ofRun(TENANT, "run1", null, 100).items().forEach(invoice -> {
            assertEquals(InvoiceStatus.POSTED, invoice.invoice().status());
            assertTrue(invoice.number().startsWith("INV-"));
        });
    }

    @Test
    void onePosterPostsPageAfterPageBeyondOneListingOfTheIndexWithGapFreeNumbers() {
        // 300 drafts: more than one listing of the index (5 pages of 49), so the poster lists again midway.
        IntStream.rangeClosed(1, 300).forEach(i -> {
            account("P" + i);
            draft("run5", "run5-P%03d".formatted(i), "P" + i, i + ".01");
        });

        List<PostedInvoice> posted = new ArrayList<>();
        try (InvoicePosting.Poster poster = posting.poster(TENANT, "run5")) {
            for (List<PostedInvoice> page = poster.next(); !page.isEmpty(); page = poster.next()) {
                assertTrue(page.size() <= InvoicePosting.PAGE_SIZE);
                posted.addAll(page);
            }
        }

        assertEquals(IntStream.rangeClosed(1, 300).mapToObj("INV-%06d"::formatted).toList(),
                posted.stream().map(PostedInvoice::number).toList(), "in id order, no gap, none twice");
        assertEquals(IntStream.rangeClosed(1, 300).mapToObj("run5-P%03d"::formatted).toList(),
                posted.stream().map(PostedInvoice::invoiceId).toList());
        assertEquals(new BigDecimal("1.01"), balance("P1"));
        assertEquals(new BigDecimal("300.01"), balance("P300"));
        assertEquals(300, store.counters().last(TENANT, Counters.INVOICE));
        assertEquals(List.of(), posting.postNextPage(TENANT, "run5"));
    }

    @Test
    void aDraftWhoseAccountIsMissingRefusesTheRunBeforeAnyNumberIsReserved() {
        // 50 drafts: the first page's accounts exist; R50's (on the second page) is gone.
        IntStream.rangeClosed(1, 49).forEach(i -> account("R" + i));
        IntStream.rangeClosed(1, 50).forEach(i -> draft("run6", "run6-R%02d".formatted(i), "R" + i, "1.00"));

        try (InvoicePosting.Poster poster = posting.poster(TENANT, "run6")) {
            PostingException refused = assertThrows(PostingException.class, poster::next);
            assertTrue(refused.getMessage().contains("R50"), refused.getMessage());
        }

        assertEquals(0, store.counters().last(TENANT, Counters.INVOICE), "no number reserved");
        assertEquals(InvoiceStatus.DRAFT, store.invoices().get(TENANT, "run6-R01").invoice().status());
        assertEquals(BigDecimal.ZERO, balance("R1"), "no balance touched");
    }

    @Test
    void aPageThatCannotPostWritesNothingAndTakesNoNumbersThenPostsOnceFixed() {
        account("B1");
        draft("run2", "run2-B1", "B1", "99.99");
        draft("run2", "run2-B9", "B9", "5.00"); // B9's account is gone: the page cannot post

        PostingException refused = assertThrows(PostingException.class, () -> posting.postNextPage(TENANT, "run2"));

        assertTrue(refused.getMessage().contains("B9"), refused.getMessage());
        assertEquals(0, store.counters().last(TENANT, Counters.INVOICE), "no numbers taken");
        assertEquals(BigDecimal.ZERO, balance("B1"), "no balance touched");
        assertEquals(InvoiceStatus.DRAFT, store.invoices().get(TENANT, "run2-B1").invoice().status());
        assertNull(store.invoices().get(TENANT, "run2-B1").number());

        account("B9");
        List<PostedInvoice> posted = postAll("run2");

        assertEquals(List.of("INV-000001", "INV-000002"), posted.stream().map(PostedInvoice::number).toList());
        assertEquals(new BigDecimal("99.99"), balance("B1"));
        assertEquals(new BigDecimal("5.00"), balance("B9"));
    }

    @Test
    void runsOfOneTenantShareOneSequence() {
        account("C1");
        draft("run3", "run3-C1", "C1", "1.00");
        draft("run4", "run4-C1", "C1", "2.00");

        String first = postAll("run3").getFirst().number();
        String second = postAll("run4").getFirst().number();

        assertEquals(List.of("INV-000001", "INV-000002"), List.of(first, second));
        assertEquals(new BigDecimal("3.00"), balance("C1"));
    }

    private List<PostedInvoice> postAll(String billRunId) {
        List<PostedInvoice> all = new ArrayList<>();
        for (List<PostedInvoice> page = posting.postNextPage(TENANT, billRunId); !page.isEmpty();
             page = posting.postNextPage(TENANT, billRunId)) {
            assertTrue(page.size() <= InvoicePosting.PAGE_SIZE);
            all.addAll(page);
        }
        return all;
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
