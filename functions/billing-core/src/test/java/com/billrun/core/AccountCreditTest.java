package com.billrun.core;

import static com.billrun.core.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Account credit and the ledger's corrections (RULES.md, Corrections after posting), by example. */
class AccountCreditTest {

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void theOldestCreditGoesToTheOldestDueInvoiceAndEachApplicationIsRecorded() {
        List<AccountCredit> credits = List.of(
                new AccountCredit("cn-2", d("2024-03-05"), usd("30.00")),
                new AccountCredit("pay-1", d("2024-02-01"), usd("50.00")),
                new AccountCredit("spent", d("2024-01-01"), usd("0.00")));
        List<InvoiceBalance> invoices = List.of(
                new InvoiceBalance("inv-late", InvoiceStatus.POSTED, d("2024-03-01"), d("2024-03-31"), usd("100.00")),
                new InvoiceBalance("inv-early", InvoiceStatus.POSTED, d("2024-02-01"), d("2024-03-02"), usd("60.00")),
                new InvoiceBalance("inv-void", InvoiceStatus.VOIDED, d("2024-01-01"), d("2024-01-31"), usd("0.00")),
                new InvoiceBalance("inv-draft", InvoiceStatus.DRAFT, d("2024-01-01"), d("2024-01-31"), usd("9.00")));

        assertEquals(List.of(
                        new CreditAllocation("pay-1", "inv-early", usd("50.00")),
                        new CreditAllocation("cn-2", "inv-early", usd("10.00")),
                        new CreditAllocation("cn-2", "inv-late", usd("20.00"))),
                CreditApplication.apply(credits, invoices));
    }

    @Test
    void aCreditNoteOnAPaidInvoiceBecomesAccountCreditThatTheNextInvoiceConsumes() {
        AccountLedger ledger = AccountLedger.open("USD")
                .post(usd("110.00"), d("2024-01-31"))
                .pay(usd("110.00"), d("2024-01-10"), null)
                .creditNote("inv-1", usd("33.00"), d("2024-01-20"));

        assertEquals(usd("0.00"), ledger.invoice("inv-1").balance());
        assertEquals(usd("33.00"), ledger.unappliedCredit());
        assertEquals(usd("-33.00"), ledger.balance());

        AccountLedger next = ledger.post(usd("110.00"), d("2024-02-29")).applyCredit();

        assertEquals(usd("77.00"), next.invoice("inv-2").balance());
        assertEquals(List.of(new CreditAllocation("cn-1", "inv-2", usd("33.00"))), next.applications());
        assertEquals(usd("77.00"), next.balance());
        assertEquals(usd("0.00"), next.unappliedCredit());
    }

    @Test
    void aPartialCreditLowersTheBalanceAndAFullOneLeavesNothingToCredit() {
        AccountLedger ledger = AccountLedger.open("JPY").post(usd("1100"), d("2024-01-31"))
                .creditNote("inv-1", usd("500"), d("2024-01-05"))
                .creditNote("inv-1", usd("600"), d("2024-01-06"));

        assertEquals(usd("0"), ledger.invoice("inv-1").balance());
        assertEquals(List.of(1L, 2L), ledger.creditNotes().stream().map(AccountLedger.Note::number).toList());
        BillingDataException refused = assertThrows(BillingDataException.class,
                () -> ledger.creditNote("inv-1", usd("1"), d("2024-01-07")));
        assertEquals("amount", refused.field());
    }

    @Test
    void onlyAnUntouchedInvoiceIsVoidedAndItKeepsItsNumber() {
        AccountLedger posted = AccountLedger.open("KWD").post(usd("10.500"), d("2024-01-31"))
                .post(usd("20.000"), d("2024-02-29"));

        AccountLedger voided = posted.voidInvoice("inv-1");
        assertEquals(InvoiceStatus.VOIDED, voided.invoice("inv-1").status());
        assertEquals(1, voided.invoice("inv-1").number());
        assertEquals(usd("20.000"), voided.balance());
        assertEquals(3, voided.post(usd("1.000"), d("2024-03-31")).invoice("inv-3").number());

        AccountLedger partlyPaid = posted.pay(usd("0.001"), d("2024-01-02"), "inv-1");
        assertEquals("invoiceId", assertThrows(BillingDataException.class, () -> partlyPaid.voidInvoice("inv-1")).field());
        AccountLedger credited = posted.creditNote("inv-2", usd("1.000"), d("2024-01-02"));
        assertEquals("invoiceId", assertThrows(BillingDataException.class, () -> credited.voidInvoice("inv-2")).field());
        assertEquals("invoiceId", assertThrows(BillingDataException.class, () -> voided.voidInvoice("inv-1")).field());
        assertEquals("invoiceId", assertThrows(BillingDataException.class,
                () -> voided.creditNote("inv-1", usd("1.000"), d("2024-01-02"))).field());
        assertEquals("invoiceId", assertThrows(BillingDataException.class,
                () -> voided.pay(usd("1.000"), d("2024-01-02"), "inv-1")).field());
    }

    @Test
    void aCreditInvoicePostsWithBalanceZeroAndItsAmountAsCredit() {
        AccountLedger ledger = AccountLedger.open("USD").post(usd("-40.00"), d("2024-01-31"));

        assertEquals(usd("0.00"), ledger.invoice("inv-1").balance());
        assertEquals(List.of(new AccountCredit("inv-1", d("2024-01-31"), usd("40.00"))), ledger.credits());
        assertEquals(usd("-40.00"), ledger.balance());
        assertEquals("invoiceId", assertThrows(BillingDataException.class, () -> ledger.voidInvoice("inv-1")).field());
    }
}
