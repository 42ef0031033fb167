package com.billrun.core;

import static com.billrun.core.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RULES.md Payments: a payment goes to the named invoice or oldest due first; the rest is the account's credit. */
class PaymentsTest {

    /**
     * The account's invoices, written "id:STATUS:dueDate:balance" and separated by spaces; the invoice date is
     * 30 days before the due date.
     */
    static List<InvoiceBalance> invoices(String spec) {
        List<InvoiceBalance> invoices = new ArrayList<>();
        for (String one : spec.isBlank() ? new String[0] : spec.trim().split("\\s+")) {
            String[] parts = one.split(":");
            invoices.add(new InvoiceBalance(parts[0], InvoiceStatus.valueOf(parts[1]), d(parts[2]).minusDays(30),
                    d(parts[2]), new BigDecimal(parts[3])));
        }
        return invoices;
    }

    static String allocations(AppliedPayment payment) {
        return payment.allocations().stream()
                .map(a -> a.invoiceId() + " " + a.applied() + "->" + a.newBalance())
                .collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "{0}: pay {3} {4} to {5} -> {6}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            # scenario; invoices; account balance; currency; amount; invoice; allocations; unapplied; new account balance
            exact payment of one invoice; A:POSTED:2024-02-15:100.00; 100.00; USD; 100.00; A; A 100.00->0.00; 0.00; 0.00
            partial payment; A:POSTED:2024-02-15:100.00; 100.00; USD; 40.50; A; A 40.50->59.50; 0.00; 59.50
            overpayment of a named invoice stays credit; A:POSTED:2024-02-15:100.00 B:POSTED:2024-03-15:50.00; 150.00; USD; 120.00; B; B 50.00->0.00; 70.00; 30.00
            oldest due first across invoices; B:POSTED:2024-03-15:50.00 A:POSTED:2024-02-15:100.00; 150.00; USD; 120.00; -; A 100.00->0.00, B 20.00->30.00; 0.00; 30.00
            drafts, canceled and paid invoices are skipped; D:DRAFT:2024-01-01:10.00 C:CANCELED:2024-01-02:20.00 P:POSTED:2024-01-03:0.00 A:POSTED:2024-02-15:100.00; 100.00; USD; 100.00; -; A 100.00->0.00; 0.00; 0.00
            overpayment of everything is credit; A:POSTED:2024-02-15:100.00; 100.00; USD; 250.00; -; A 100.00->0.00; 150.00; -150.00
            no open invoice: all credit; P:POSTED:2024-01-03:0.00; 0.00; USD; 25.00; -; ; 25.00; -25.00
            credit balance grows; ; -10.00; USD; 5.00; -; ; 5.00; -15.00
            yen have no decimals; A:POSTED:2024-02-15:1500 B:POSTED:2024-02-15:700; 2200; JPY; 2000; -; A 1500->0, B 500->200; 0; 200
            dinar have three; A:POSTED:2024-02-15:10.125; 10.125; KWD; 10.1; -; A 10.100->0.025; 0.000; 0.025
            trailing zeros within the scale are fine; A:POSTED:2024-02-15:1500; 1500; JPY; 1500.00; -; A 1500->0; 0; 0
            a paid named invoice takes nothing; P:POSTED:2024-01-03:0.00; 0.00; USD; 25.00; P; ; 25.00; -25.00
            """)
    void appliesThePayment(String scenario, String invoices, String accountBalance, String currency, String amount,
                           String invoiceId, String expected, String unapplied, String newAccountBalance) {
        AppliedPayment result = PaymentApplication.apply(currency, new BigDecimal(accountBalance),
                invoices(invoices == null ? "" : invoices), new Payment(new BigDecimal(amount), d("2024-02-20"), invoiceId));

        assertEquals(expected == null ? "" : expected, allocations(result));
        assertEquals(new BigDecimal(unapplied), result.unapplied());
        assertEquals(new BigDecimal(newAccountBalance), result.accountBalance());
    }

    @ParameterizedTest(name = "{0} -> {4}: {5}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            # scenario; currency; amount; invoice; field; reason
            a draft is not owed yet; USD; 10.00; D; invoiceId; is DRAFT: only a posted invoice can be paid
            a canceled invoice is never owed; USD; 10.00; C; invoiceId; is CANCELED: only a posted invoice can be paid
            an invoice of someone else; USD; 10.00; X; invoiceId; is not an invoice of the account
            cents in yen; JPY; 10.5; -; amount; has more than 0 decimals
            three decimals in dollars; USD; 10.001; -; amount; has more than 2 decimals
            zero; USD; 0.00; -; amount; must be greater than 0
            negative; USD; -5.00; -; amount; must not be negative
            absurdly large; USD; 1E+999999999; -; amount; has more than 12 digits before the decimal point
            unknown currency; XYZ; 10.00; -; currency; unknown ISO 4217 code XYZ
            """)
    void refusesNamingTheField(String scenario, String currency, String amount, String invoiceId, String field,
                               String reason) {
        List<InvoiceBalance> invoices = invoices("D:DRAFT:2024-02-15:10.00 C:CANCELED:2024-02-15:10.00");
        Payment payment = new Payment(new BigDecimal(amount), d("2024-02-20"), invoiceId);

        BillingDataException e = assertThrows(BillingDataException.class,
                () -> PaymentApplication.apply(currency, BigDecimal.ZERO, invoices, payment));

        assertEquals(field, e.field());
        assertEquals(reason, e.reason());
    }

    @ParameterizedTest(name = "{0} on {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # scenario; invoices; today; status
            nothing owed; A:POSTED:2024-02-15:0.00; 2024-03-01; ACTIVE
            owed, due today is still in time; A:POSTED:2024-02-15:10.00; 2024-02-15; ACTIVE
            owed the day after the due date; A:POSTED:2024-02-15:10.00; 2024-02-16; PAST_DUE
            a draft past its due date is not owed; D:DRAFT:2024-02-15:10.00; 2024-03-01; ACTIVE
            a canceled invoice is not owed; C:CANCELED:2024-02-15:10.00; 2024-03-01; ACTIVE
            one overdue among paid ones; A:POSTED:2024-01-15:0.00 B:POSTED:2024-02-15:0.01 C:POSTED:2024-03-15:99.00; 2024-02-20; PAST_DUE
            a credit invoice is not owed; R:POSTED:2024-02-15:-5.00; 2024-03-01; ACTIVE
            """)
    void accountStatus(String scenario, String invoices, String today, AccountStatus expected) {
        assertEquals(expected, AccountStatus.of(invoices(invoices), d(today)));
    }

    @ParameterizedTest(name = "{0} billable: {1}")
    @CsvSource({"ACTIVE, true", "PAST_DUE, true", "CLOSED, false"})
    void anAccountBehindOnPaymentsIsStillBilledAClosedOneNever(AccountStatus status, boolean billable) {
        assertEquals(billable, status.billable());
    }
}
