package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.TenantSettings;
import com.billrun.store.InvoicePosting.PostedInvoice;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DATA-MODEL.md "Post a run" and "Account credit at posting" for credit invoices (negative total,
 * functions/billing-core/RULES.md "Corrections after posting"): one posts with balance 0 and a number as usual, the
 * account's balance moves by its total, and its amount becomes the account's credit {@code CREDIT_INVOICE-{id}},
 * which the account's other invoices being posted take (oldest due first) when credit is applied automatically.
 * After every page: account balance = open invoice balances − unapplied credit, no invoice balance below zero.
 */
class CreditInvoicePostingTest {

    private static final String TENANT = "acme";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final LocalDate JANUARY_1 = LocalDate.of(2027, 1, 1);

    private final BillrunStore store = LocalTable.create();
    private final InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC());

    @Test
    void aCreditInvoicePostsAtZeroItsCreditPaysTheAccountsOtherInvoiceOfThePageOrWaitsForTheNextOne() {
        account("K1", "USD");
        account("K2", "USD");
        account("K3", "JPY");
        draft("run1", "run1-K1-charge", "K1", "USD", "100.00", DECEMBER_1);
        draft("run1", "run1-K1-credit", "K1", "USD", "-30.00", DECEMBER_1);
        draft("run1", "run1-K2-credit", "K2", "USD", "-12.34", DECEMBER_1);
        draft("run1", "run1-K3-credit", "K3", "JPY", "-1500", DECEMBER_1);

        List<PostedInvoice> posted = postAll("run1");

        assertEquals(List.of("INV-000001", "INV-000002", "INV-000003", "INV-000004"),
                posted.stream().map(PostedInvoice::number).sorted().toList(), "numbered as usual, no gap");
        assertEquals(4, store.counters().last(TENANT, Counters.INVOICE));

        // K1: the credit invoice owes nothing; its 30.00 paid part of the account's other invoice of the page.
        StoredInvoice k1Credit = store.invoices().get(TENANT, "run1-K1-credit");
        assertEquals(InvoiceStatus.POSTED, k1Credit.invoice().status());
        assertTrue(k1Credit.number().startsWith("INV-"), k1Credit::toString);
        assertEquals("0.00", k1Credit.balance().toPlainString());
        assertEquals(List.of(), k1Credit.adjustments().creditApplications());
        StoredInvoice k1Charge = store.invoices().get(TENANT, "run1-K1-charge");
        assertEquals("70.00", k1Charge.balance().toPlainString());
        InvoiceAdjustments.CreditApplied applied = k1Charge.adjustments().creditApplications().getFirst();
        assertEquals(1, k1Charge.adjustments().creditApplications().size());
        assertEquals("CREDIT_INVOICE-run1-K1-credit", applied.creditId());
        assertEquals(StoredCredit.Source.CREDIT_INVOICE, applied.source());
        assertEquals("run1-K1-credit", applied.sourceId());
        assertEquals("30.00", applied.amount().toPlainString());
        assertEquals("70.00", balance("K1").toPlainString(), "100.00 - 30.00: the balance moved by both totals");
        assertEquals(List.of(), money("K1").credits(), "the credit is used up");
        assertLedgerHolds("K1");

        // K2: no other invoice in the page, so the credit is kept for later; the balance is in the customer's favour.
        assertEquals("0.00", store.invoices().get(TENANT, "run1-K2-credit").balance().toPlainString());
        assertEquals("-12.34", balance("K2").toPlainString());
        assertEquals(List.of(StoredCredit.of(StoredCredit.Source.CREDIT_INVOICE, "run1-K2-credit", DECEMBER_1,
                new BigDecimal("12.34"))), money("K2").credits());
        assertLedgerHolds("K2");

        // K3 (JPY, no minor units): the zero balance at the currency's scale.
        assertEquals("0", store.invoices().get(TENANT, "run1-K3-credit").balance().toPlainString());
        assertEquals("-1500", balance("K3").toPlainString());
        assertEquals("1500", money("K3").unapplied().toPlainString());
        assertLedgerHolds("K3");

        // Posting the run again posts nothing and moves nothing: the credit is not added twice.
        List<AccountMoney> before = List.of(money("K1"), money("K2"), money("K3"));
        assertEquals(List.of(), postAll("run1"));
        assertEquals(before, List.of(money("K1"), money("K2"), money("K3")));
        assertEquals(4, store.counters().last(TENANT, Counters.INVOICE));

        // The next run's invoice of K2 takes the credit at posting; what is left stays for later.
        draft("run2", "run2-K2", "K2", "USD", "10.00", JANUARY_1);
        postAll("run2");
        StoredInvoice next = store.invoices().get(TENANT, "run2-K2");
        assertEquals("INV-000005", next.number());
        assertEquals("0.00", next.balance().toPlainString());
        assertEquals("CREDIT_INVOICE-run1-K2-credit", next.adjustments().creditApplications().getFirst().creditId());
        assertEquals("10.00", next.adjustments().creditApplied().toPlainString());
        assertEquals("-2.34", balance("K2").toPlainString());
        assertEquals("2.34", money("K2").credits().getFirst().remaining().toPlainString());
        assertEquals("12.34", money("K2").credits().getFirst().amount().toPlainString(), "the original amount kept");
        assertLedgerHolds("K2");
    }

    @Test
    void withoutAutomaticCreditTheCreditInvoiceStillBecomesCreditButNoInvoiceTakesIt() {
        store.settings().put(TENANT, new TenantConfiguration(TenantSettings.DEFAULTS, null, null,
                TenantConfiguration.DEFAULT_DIGITS, false));
        account("M1", "USD");
        draft("run1", "run1-M1-charge", "M1", "USD", "20.00", DECEMBER_1);
        draft("run1", "run1-M1-credit", "M1", "USD", "-5.00", DECEMBER_1);

        assertEquals(2, postAll("run1").size());

        assertEquals("0.00", store.invoices().get(TENANT, "run1-M1-credit").balance().toPlainString());
        StoredInvoice charge = store.invoices().get(TENANT, "run1-M1-charge");
        assertEquals("20.00", charge.balance().toPlainString());
        assertEquals(List.of(), charge.adjustments().creditApplications());
        assertEquals("15.00", balance("M1").toPlainString());
        assertEquals("5.00", money("M1").unapplied().toPlainString());
        assertLedgerHolds("M1");
    }

    @Test
    void anOlderCreditIsSpentFirstAndTheCreditInvoicesCreditAfterIt() {
        account("N1", "USD");
        draft("run1", "run1-N1-credit", "N1", "USD", "-8.00", DECEMBER_1);
        postAll("run1");
        // A later run: another credit invoice (dated later) and a charge of 10.00 of the same account in one page.
        draft("run2", "run2-N1-credit", "N1", "USD", "-4.00", JANUARY_1);
        draft("run2", "run2-N1-charge", "N1", "USD", "10.00", JANUARY_1);
        postAll("run2");

        StoredInvoice charge = store.invoices().get(TENANT, "run2-N1-charge");
        assertEquals(List.of("CREDIT_INVOICE-run1-N1-credit 8.00", "CREDIT_INVOICE-run2-N1-credit 2.00"),
                charge.adjustments().creditApplications().stream()
                        .map(one -> one.creditId() + " " + one.amount().toPlainString()).toList(), "oldest credit first");
        assertEquals("0.00", charge.balance().toPlainString());
        assertEquals("-2.00", balance("N1").toPlainString(), "-8.00 - 4.00 + 10.00");
        assertEquals(List.of("CREDIT_INVOICE-run2-N1-credit 2.00"), money("N1").credits().stream()
                .map(one -> one.id() + " " + one.remaining().toPlainString()).toList());
        assertLedgerHolds("N1");
    }

    /** RULES.md: account balance = open invoice balances − unapplied credit; no invoice balance below zero. */
    private void assertLedgerHolds(String accountId) {
        List<StoredInvoice> ofAccount = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredInvoice> page = store.invoices().ofAccount(TENANT, accountId, cursor, 100);
            ofAccount.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        BigDecimal open = BigDecimal.ZERO;
        for (StoredInvoice invoice : ofAccount) {
            assertTrue(invoice.balance().signum() >= 0, () -> "no balance below zero: " + invoice);
            if (invoice.invoice().status() == InvoiceStatus.POSTED) {
                open = open.add(invoice.balance());
            }
        }
        AccountMoney money = money(accountId);
        assertEquals(0, open.subtract(money.unapplied()).compareTo(money.balance()),
                () -> accountId + ": open balances − unapplied credit = account balance: " + ofAccount + " " + money);
    }

    private List<PostedInvoice> postAll(String billRunId) {
        List<PostedInvoice> all = new ArrayList<>();
        try (InvoicePosting.Poster poster = posting.poster(TENANT, billRunId)) {
            for (List<PostedInvoice> page = poster.next(); !page.isEmpty(); page = poster.next()) {
                all.addAll(page);
            }
        }
        return all;
    }

    private void account(String id, String currency) {
        store.accounts().create(TENANT, Fixtures.account(id, currency, 1, "Batch1"));
    }

    private void draft(String billRunId, String invoiceId, String accountId, String currency, String total,
                       LocalDate invoiceDate) {
        BigDecimal amount = new BigDecimal(total);
        Invoice invoice = new Invoice(invoiceId, accountId, currency, InvoiceStatus.DRAFT, invoiceDate,
                invoiceDate.plusDays(30), List.of(), amount, BigDecimal.ZERO.setScale(amount.scale()), amount);
        Fixtures.putDraft(store, StoredInvoice.draft(TENANT, billRunId, invoice));
    }

    private BigDecimal balance(String accountId) {
        return store.accounts().find(TENANT, accountId).orElseThrow().balance();
    }

    private AccountMoney money(String accountId) {
        return AccountBalances.read(store.table(), TENANT, Set.of(accountId)).get(accountId);
    }
}
