package com.billrun.usecases.accounts;

import com.billrun.core.AppliedPayment;
import com.billrun.core.BillingDataException;
import com.billrun.core.CurrencyUnits;
import com.billrun.core.InvoiceBalance;
import com.billrun.core.Payment;
import com.billrun.core.PaymentAllocation;
import com.billrun.core.PaymentApplication;
import com.billrun.store.AccountMoney;
import com.billrun.store.AccountRepository;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.PaymentRepository;
import com.billrun.store.RecordedPayment;
import com.billrun.store.StoredInvoice;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Receives a customer's payment (RULES.md, Payments): billing-core's {@link PaymentApplication} decides where it
 * goes (the named posted invoice, else the open posted invoices oldest due first, the rest as account credit, which
 * posting applies to the account's next invoices), and
 * {@link PaymentRepository#record} writes the payment, the invoice balances, the account balance and credit in one
 * transaction conditioned on what was read. A posting page or another payment in between makes it read and decide
 * again, so two payments can never both take the same open balance.
 */
public final class ReceivePayment {

    /** A payment that keeps losing races is refused (409) rather than retried forever. */
    static final int ATTEMPTS = 5;

    /** The payment as recorded and the account's standing right after it. */
    public record Receipt(RecordedPayment payment, String accountStatus) {
    }

    private final AccountRepository accounts;
    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final Clock clock;

    public ReceivePayment(AccountRepository accounts, InvoiceRepository invoices, PaymentRepository payments, Clock clock) {
        this.accounts = accounts;
        this.invoices = invoices;
        this.payments = payments;
        this.clock = clock;
    }

    public Receipt receive(String tenantId, String accountId, Payment payment, String recordedBy) {
        String paymentId = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            CustomerAccount account = accounts.find(tenantId, accountId)
                    .orElseThrow(() -> new NotFoundException("account", accountId));
            AccountMoney money = accounts.money(tenantId, accountId)
                    .orElseThrow(() -> new NotFoundException("account", accountId));
            List<InvoiceBalance> owed = owed(tenantId, accountId, payment.invoiceId());
            AppliedPayment applied = PaymentApplication.apply(account.currency(), money.balance(), owed, payment);
            if (applied.allocations().size() > PaymentRepository.MAX_INVOICES_PER_PAYMENT) {
                throw new BillingDataException("amount", "would pay more than " + PaymentRepository.MAX_INVOICES_PER_PAYMENT
                        + " invoices at once: record it as several payments");
            }
            RecordedPayment recorded = recorded(paymentId, account, payment, applied, recordedBy);
            Map<String, BigDecimal> read = owed.stream()
                    .collect(Collectors.toMap(InvoiceBalance::invoiceId, InvoiceBalance::balance, (a, b) -> a));
            if (payments.record(tenantId, recorded, read, money)) {
                return new Receipt(recorded, AccountStanding.of(account, after(owed, applied), LocalDate.now(clock)));
            }
            backOff(attempt);
        }
        throw new AccountConflictException("the account's balances kept changing while the payment was applied; send it again");
    }

    /** The account's posted invoices and, when the payment names another invoice, that one (so the engine can refuse it). */
    private List<InvoiceBalance> owed(String tenantId, String accountId, String invoiceId) {
        List<InvoiceBalance> owed = new ArrayList<>(invoices.postedBalances(tenantId, accountId));
        if (invoiceId != null && owed.stream().noneMatch(invoice -> invoice.invoiceId().equals(invoiceId))) {
            invoices.find(tenantId, invoiceId).filter(invoice -> invoice.invoice().accountId().equals(accountId))
                    .map(StoredInvoice::owed).ifPresent(owed::add);
        }
        return owed;
    }

    private RecordedPayment recorded(String paymentId, CustomerAccount account, Payment payment, AppliedPayment applied,
                                     String recordedBy) {
        int scale = CurrencyUnits.minorUnits(account.currency(), "currency");
        return new RecordedPayment(paymentId, account.id(), payment.amount().setScale(scale), payment.date(),
                payment.invoiceId(), applied.allocations(), applied.unapplied(), applied.accountBalance(), recordedBy,
                clock.instant());
    }

    private static List<InvoiceBalance> after(List<InvoiceBalance> owed, AppliedPayment applied) {
        Map<String, BigDecimal> paid = applied.allocations().stream()
                .collect(Collectors.toMap(PaymentAllocation::invoiceId, PaymentAllocation::newBalance));
        return owed.stream().map(invoice -> paid.containsKey(invoice.invoiceId())
                ? new InvoiceBalance(invoice.invoiceId(), invoice.status(), invoice.invoiceDate(), invoice.dueDate(),
                        paid.get(invoice.invoiceId()))
                : invoice).toList();
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountConflictException("interrupted while applying a payment");
        }
    }
}
