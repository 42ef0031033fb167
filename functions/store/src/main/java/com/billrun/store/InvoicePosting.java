package com.billrun.store;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Posts a run's draft invoices one page at a time (DATA-MODEL.md "Post a page"): one transaction takes a block of
 * invoice numbers from the tenant's counter, moves each invoice DRAFT → POSTED with its number, and adds each
 * account's invoices of the page to its balance; when the tenant applies credit automatically, the account's open
 * credits pay its invoices of the page (oldest due first) in the same writes, each application recorded on the
 * invoice (DATA-MODEL.md "Account credit at posting"). A credit invoice (negative total) posts with balance 0 and
 * its amount becomes the account's credit ({@code CREDIT_INVOICE-{invoiceId}}), in the same writes, which its
 * account's other invoices of the page may then take. All of it commits or none of it does, so a failed page takes no
 * numbers (they stay gap-free) and touches no balance; a posted invoice is never posted (or added) again, because
 * its update is conditioned on DRAFT.
 */
public final class InvoicePosting {

    /** 49 invoices + their ≤ 49 accounts + the counter + the run's progress: 100 writes, a transaction's limit. */
    public static final int PAGE_SIZE = 49;
    private static final int ATTEMPTS = 10;
    /** Drafts listed by one query of the run's index: five pages, read one by one. */
    private static final int LISTED_AHEAD = 5 * PAGE_SIZE;
    /** Every name through a placeholder: DynamoDB reserves words such as {@code status} and {@code total}. */
    private static final String DRAFT_ATTRIBUTES = "#invoiceId, #accountId, #currency, #status, #total, #invoiceDate, #dueDate";
    private static final Map<String, String> DRAFT_NAMES = Map.of("#invoiceId", "invoiceId", "#accountId", "accountId",
            "#currency", "currency", "#status", InvoiceMapper.STATUS, "#total", "total", "#invoiceDate", "invoiceDate",
            "#dueDate", "dueDate");

    /** An invoice as this page posted it (its number in the tenant's format when the poster started). */
    public record PostedInvoice(String invoiceId, String accountId, String number, String currency, BigDecimal total) {
    }

    private final Table table;
    private final InvoiceRepository invoices;
    private final Counters counters;
    private final TenantSettingsRepository settings;
    private final Clock clock;

    public InvoicePosting(Table table, Clock clock) {
        this.table = table;
        this.invoices = new InvoiceRepository(table);
        this.counters = new Counters(table);
        this.settings = new TenantSettingsRepository(table);
        this.clock = clock;
    }

    /**
     * Posts the run's next page of drafts (at most {@link #PAGE_SIZE}); an empty list means none are left.
     *
     * @throws PostingException          when a draft's account is gone: the page cannot post as it stands
     * @throws TransientStoreException   when contention outlasted the retries
     */
    public List<PostedInvoice> postNextPage(String tenantId, String billRunId) {
        try (Poster poster = new Poster(tenantId, billRunId, false)) {
            return poster.next();
        }
    }

    /** Posts a run's pages one after the other, each read while the one before it commits; close it when done. */
    public Poster poster(String tenantId, String billRunId) {
        return new Poster(tenantId, billRunId, true);
    }

    /**
     * One caller's posting of one run. Posting is a chain of round trips (list drafts, re-read them, read balances,
     * commit), and the commit of a page does not change what the next page reads (an account has one invoice per
     * run), so the next page of the listed drafts is read while this one commits, and the invoice counter is carried
     * from page to page instead of being read again. Whatever went wrong (a conflict, a lagging index), the poster
     * forgets what it read ahead and reads everything again.
     */
    public final class Poster implements AutoCloseable {

        private final String tenantId;
        private final String billRunId;
        /** Null for a single page ({@link #postNextPage}): nothing to read ahead for. */
        private final ExecutorService readAhead;
        /** Draft ids listed by the index and not yet given to a page, in index order. */
        private final Deque<String> listed = new ArrayDeque<>();
        private Future<PageToPost> nextPage;
        /** The counter's value after this poster's last page, or null: read it. */
        private Long lastNumber;
        private List<PostedInvoice> lastPosted = List.of();
        /** Numbering and account credit as the tenant's settings said when this poster started. */
        private final TenantConfiguration configuration;

        private Poster(String tenantId, String billRunId, boolean readAhead) {
            this.tenantId = tenantId;
            this.billRunId = billRunId;
            this.configuration = settings.configuration(tenantId);
            this.readAhead = readAhead ? Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory()) : null;
        }

        /**
         * Posts the next page; an empty list means no draft is left.
         *
         * @throws PostingException          when a draft's account is gone: the page cannot post as it stands
         * @throws TransientStoreException   when contention outlasted the retries
         */
        public List<PostedInvoice> next() {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                PageToPost page = takeNextPage();
                if (page.sharesAccountsWith(lastPosted)) {
                    // Read while the page before committed, so its balances may miss that page's invoices.
                    page = new PageToPost(page.drafts(), balancesOf(tenantId, page.drafts()), true);
                }
                if (page.drafts().isEmpty()) {
                    if (!page.listedAny()) {
                        return List.of();
                    }
                    // The index still lists invoices the table already shows as posted: it lags, look again shortly.
                    forgetReadAhead();
                    pause(attempt);
                    continue;
                }
                if (readAhead != null && !listed.isEmpty()) {
                    nextPage = readAhead.submit(this::readPage);
                }
                long last = lastNumber != null ? lastNumber : counters.last(tenantId, Counters.INVOICE);
                List<PostedInvoice> posted = numbered(page.drafts(), last, configuration);
                try {
                    table.transact(pageWrites(tenantId, billRunId, page.drafts(), posted, page.balances(), last,
                            configuration.applyCreditAutomatically()));
                    lastNumber = last + posted.size();
                    lastPosted = posted;
                    return posted;
                } catch (TransactionCanceledException contention) {
                    // Another poster, a payment or a concurrent numbering got there first: read everything again.
                    forgetReadAhead();
                    pause(attempt);
                }
            }
            throw new TransientStoreException("could not post a page of run " + billRunId + ": contention", null);
        }

        private PageToPost takeNextPage() {
            if (nextPage == null) {
                return readPage();
            }
            try {
                return nextPage.get();
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new TransientStoreException("interrupted while posting", interrupted);
            } finally {
                nextPage = null;
            }
        }

        /**
         * The next listed drafts, re-read consistently (the index lags the table a little, and an invoice it still
         * lists as DRAFT may already be posted), with their accounts' balances.
         */
        private PageToPost readPage() {
            if (listed.isEmpty()) {
                listed.addAll(invoices.draftIdsOfRun(tenantId, billRunId, LISTED_AHEAD));
            }
            List<String> ids = new ArrayList<>();
            while (ids.size() < PAGE_SIZE && !listed.isEmpty()) {
                ids.add(listed.poll());
            }
            if (ids.isEmpty()) {
                return new PageToPost(List.of(), Map.of(), false);
            }
            List<Draft> drafts = table.getAll(ids.stream().map(id -> Keys.invoice(tenantId, id)).toList(), DRAFT_ATTRIBUTES,
                            DRAFT_NAMES).stream()
                    .filter(item -> InvoiceStatus.DRAFT.name().equals(item.string(InvoiceMapper.STATUS)))
                    .map(item -> new Draft(item.string("invoiceId"), item.string("accountId"), item.string("currency"),
                            item.amount("total"), item.date("invoiceDate"), item.date("dueDate")))
                    .sorted(Comparator.comparing(Draft::invoiceId)).toList();
            return new PageToPost(drafts, drafts.isEmpty() ? Map.of() : balancesOf(tenantId, drafts), true);
        }

        /** Waits for the page being read ahead (its result is dropped) and forgets the listing and the counter. */
        private void forgetReadAhead() {
            if (nextPage != null) {
                try {
                    nextPage.get();
                } catch (ExecutionException | RuntimeException ignored) {
                    // Read ahead only: the page is read again from the start.
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TransientStoreException("interrupted while posting", interrupted);
                }
                nextPage = null;
            }
            listed.clear();
            lastNumber = null;
        }

        @Override
        public void close() {
            if (readAhead != null) {
                readAhead.shutdownNow();
            }
        }
    }

    /** What posting needs of a draft: not its lines. */
    private record Draft(String invoiceId, String accountId, String currency, BigDecimal total, LocalDate invoiceDate,
                         LocalDate dueDate) {
    }

    /** An account's invoices of a page take its credit oldest due first (as payments do). */
    private static final Comparator<Draft> OLDEST_DUE_FIRST = Comparator.comparing(Draft::dueDate)
            .thenComparing(Draft::invoiceDate).thenComparing(Draft::invoiceId);

    /** @param listedAny false when the index listed no draft at all */
    private record PageToPost(List<Draft> drafts, Map<String, AccountMoney> balances, boolean listedAny) {

        /** In one run an account has one invoice, so pages share accounts only across runs or in tests. */
        boolean sharesAccountsWith(List<PostedInvoice> page) {
            return page.stream().anyMatch(posted -> balances.containsKey(posted.accountId()));
        }
    }

    /**
     * Each account's balance as stored (null: none yet) and its credits, to be replaced, conditioned on what was read,
     * by the sum (and the credits left).
     */
    private Map<String, AccountMoney> balancesOf(String tenantId, List<Draft> drafts) {
        Set<String> accountIds = drafts.stream().map(Draft::accountId).collect(Collectors.toSet());
        Map<String, AccountMoney> balances = AccountBalances.read(table, tenantId, accountIds);
        drafts.stream().filter(draft -> !balances.containsKey(draft.accountId())).findFirst().ifPresent(orphan -> {
            throw new PostingException("invoice %s cannot be posted: its account %s does not exist"
                    .formatted(orphan.invoiceId(), orphan.accountId()));
        });
        return balances;
    }

    private static List<PostedInvoice> numbered(List<Draft> drafts, long last, TenantConfiguration configuration) {
        List<PostedInvoice> posted = new ArrayList<>();
        for (Draft draft : drafts) {
            posted.add(new PostedInvoice(draft.invoiceId(), draft.accountId(),
                    configuration.invoiceNumber(last + posted.size() + 1), draft.currency(), draft.total()));
        }
        return posted;
    }

    private List<TransactWriteItem> pageWrites(String tenantId, String billRunId, List<Draft> drafts,
                                              List<PostedInvoice> posted, Map<String, AccountMoney> balances, long last,
                                              boolean applyCredit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(counters.advance(tenantId, Counters.INVOICE, last, posted.size()));
        // The run's progress moves in the page's own transaction: counted exactly when the page commits.
        writes.add(table.updateAction(Keys.billRun(tenantId, billRunId), "ADD #posted :n", null,
                Map.of("#posted", BillRunMapper.INVOICES_POSTED), Map.of(":n", AttributeValue.fromN(Integer.toString(posted.size())))));
        Instant now = clock.instant();
        Map<String, String> numbers = posted.stream().collect(Collectors.toMap(PostedInvoice::invoiceId, PostedInvoice::number));
        // One write per account: a transaction may not touch an item twice, and one account can have several invoices.
        Map<String, List<Draft>> byAccount = drafts.stream().collect(Collectors.groupingBy(Draft::accountId,
                LinkedHashMap::new, Collectors.toList()));
        byAccount.forEach((accountId, ofAccount) -> {
            AccountMoney read = balances.get(accountId);
            List<StoredCredit> credits = new ArrayList<>(read.credits());
            // A credit invoice owes nothing: it posts with balance 0 and its amount becomes the account's credit,
            // added before the account's other invoices of the page take credit, so that they can take it too.
            List<StoredCredit> fromCreditInvoices = ofAccount.stream().filter(draft -> draft.total().signum() < 0)
                    .map(InvoicePosting::creditOf).toList();
            credits.addAll(fromCreditInvoices);
            credits.sort(AccountMoney.OLDEST_FIRST);
            boolean creditsChanged = !fromCreditInvoices.isEmpty();
            BigDecimal added = BigDecimal.ZERO;
            for (Draft draft : ofAccount.stream().sorted(OLDEST_DUE_FIRST).toList()) {
                List<InvoiceAdjustments.CreditApplied> applied = applyCredit
                        ? applyCredits(credits, draft.total(), now) : List.of();
                creditsChanged |= !applied.isEmpty();
                writes.add(postInvoice(tenantId, draft, numbers.get(draft.invoiceId()), now, applied));
                added = added.add(draft.total());
            }
            // The account owes the invoices' totals, a credit invoice's negative one included (its credit is part of
            // the balance); the credit applied was already off its balance.
            writes.add(AccountBalances.replace(table, tenantId, accountId, read, read.balance().add(added),
                    creditsChanged ? credits : null));
        });
        return writes;
    }

    /** The account credit a credit invoice (negative total) becomes: its amount, dated the invoice's date. */
    private static StoredCredit creditOf(Draft creditInvoice) {
        return StoredCredit.of(StoredCredit.Source.CREDIT_INVOICE, creditInvoice.invoiceId(), creditInvoice.invoiceDate(),
                creditInvoice.total().negate());
    }

    /**
     * Applies the account's credits (oldest first, {@code credits} updated in place) to an invoice of {@code total}:
     * each credit gives what it has left, up to what the invoice still owes.
     */
    private static List<InvoiceAdjustments.CreditApplied> applyCredits(List<StoredCredit> credits, BigDecimal total,
                                                                      Instant now) {
        List<InvoiceAdjustments.CreditApplied> applied = new ArrayList<>();
        BigDecimal owed = total;
        for (int i = 0; i < credits.size() && owed.signum() > 0; i++) {
            StoredCredit credit = credits.get(i);
            BigDecimal amount = credit.remaining().min(owed);
            if (amount.signum() <= 0) {
                continue;
            }
            applied.add(new InvoiceAdjustments.CreditApplied(credit.id(), credit.source(), credit.sourceId(), amount, now));
            credits.set(i, credit.less(amount));
            owed = owed.subtract(amount);
        }
        return applied;
    }

    private TransactWriteItem postInvoice(String tenantId, Draft invoice, String number, Instant postedAt,
                                          List<InvoiceAdjustments.CreditApplied> applied) {
        Map<String, String> names = new HashMap<>(Map.of("#status", InvoiceMapper.STATUS, "#number", InvoiceMapper.NUMBER,
                "#gsi2sk", Keys.GSI2SK, "#postedAt", InvoiceMapper.POSTED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":posted", s(InvoiceStatus.POSTED.name()),
                ":draft", s(InvoiceStatus.DRAFT.name()), ":number", s(number), ":postedAt", s(postedAt.toString()),
                ":sort", s(Keys.runInvoicesIndexSort(InvoiceStatus.POSTED.name(), invoice.invoiceId()))));
        String update = "SET #status = :posted, #number = :number, #gsi2sk = :sort, #postedAt = :postedAt";
        if (invoice.total().signum() < 0) {
            // A credit invoice: its amount became account credit, so it owes nothing and no balance is below zero.
            names.put("#balance", InvoiceMapper.BALANCE);
            values.put(":balance", s(BigDecimal.ZERO.setScale(invoice.total().scale()).toPlainString()));
            update += ", #balance = :balance";
        } else if (!applied.isEmpty()) {
            BigDecimal credit = applied.stream().map(InvoiceAdjustments.CreditApplied::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            names.put("#balance", InvoiceMapper.BALANCE);
            names.put("#applications", InvoiceMapper.CREDIT_APPLICATIONS);
            values.put(":balance", s(invoice.total().subtract(credit).toPlainString()));
            values.put(":applications", AttributeValue.fromL(applied.stream()
                    .map(one -> AttributeValue.fromM(InvoiceMapper.creditApplied(one))).toList()));
            update += ", #balance = :balance, #applications = :applications";
        }
        return table.updateAction(Keys.invoice(tenantId, invoice.invoiceId()), update, "#status = :draft", names, values);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientStoreException("interrupted while posting", e);
        }
    }
}
