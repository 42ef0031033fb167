package com.billrun.store;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.time.Clock;
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
 * account's invoices of the page to its balance. All of it commits or none of it does, so a failed page takes no
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
    private static final String DRAFT_ATTRIBUTES = "#invoiceId, #accountId, #currency, #status, #total";
    private static final Map<String, String> DRAFT_NAMES = Map.of("#invoiceId", "invoiceId", "#accountId", "accountId",
            "#currency", "currency", "#status", InvoiceMapper.STATUS, "#total", "total");
    private static final String NUMBER_FORMAT = "INV-%06d";

    /** An invoice as this page posted it. */
    public record PostedInvoice(String invoiceId, String accountId, String number, String currency, BigDecimal total) {
    }

    private final Table table;
    private final InvoiceRepository invoices;
    private final Counters counters;
    private final Clock clock;

    public InvoicePosting(Table table, Clock clock) {
        this.table = table;
        this.invoices = new InvoiceRepository(table);
        this.counters = new Counters(table);
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

        private Poster(String tenantId, String billRunId, boolean readAhead) {
            this.tenantId = tenantId;
            this.billRunId = billRunId;
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
                List<PostedInvoice> posted = numbered(page.drafts(), last);
                try {
                    table.transact(pageWrites(tenantId, billRunId, posted, page.balances(), last));
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
                            item.amount("total")))
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
    private record Draft(String invoiceId, String accountId, String currency, BigDecimal total) {
    }

    /** @param listedAny false when the index listed no draft at all */
    private record PageToPost(List<Draft> drafts, Map<String, String> balances, boolean listedAny) {

        /** In one run an account has one invoice, so pages share accounts only across runs or in tests. */
        boolean sharesAccountsWith(List<PostedInvoice> page) {
            return page.stream().anyMatch(posted -> balances.containsKey(posted.accountId()));
        }
    }

    /** Each account's balance as stored (null: none yet), to be replaced, conditioned on that value, by the sum. */
    private Map<String, String> balancesOf(String tenantId, List<Draft> drafts) {
        Set<String> accountIds = drafts.stream().map(Draft::accountId).collect(Collectors.toSet());
        Map<String, String> balances = new HashMap<>();
        table.getAll(accountIds.stream().map(id -> Keys.account(tenantId, id)).toList(), "#accountId, #balance",
                        Map.of("#accountId", AccountMapper.ACCOUNT_ID, "#balance", AccountMapper.BALANCE))
                .forEach(account -> balances.put(account.string(AccountMapper.ACCOUNT_ID), account.string(AccountMapper.BALANCE)));
        drafts.stream().filter(draft -> !balances.containsKey(draft.accountId())).findFirst().ifPresent(orphan -> {
            throw new PostingException("invoice %s cannot be posted: its account %s does not exist"
                    .formatted(orphan.invoiceId(), orphan.accountId()));
        });
        return balances;
    }

    private static List<PostedInvoice> numbered(List<Draft> drafts, long last) {
        List<PostedInvoice> posted = new ArrayList<>();
        for (Draft draft : drafts) {
            posted.add(new PostedInvoice(draft.invoiceId(), draft.accountId(),
                    NUMBER_FORMAT.formatted(last + posted.size() + 1), draft.currency(), draft.total()));
        }
        return posted;
    }

    private List<TransactWriteItem> pageWrites(String tenantId, String billRunId, List<PostedInvoice> posted,
                                              Map<String, String> balances, long last) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(counters.advance(tenantId, Counters.INVOICE, last, posted.size()));
        // The run's progress moves in the page's own transaction: counted exactly when the page commits.
        writes.add(table.updateAction(Keys.billRun(tenantId, billRunId), "ADD #posted :n", null,
                Map.of("#posted", BillRunMapper.INVOICES_POSTED), Map.of(":n", AttributeValue.fromN(Integer.toString(posted.size())))));
        String now = clock.instant().toString();
        posted.forEach(invoice -> writes.add(postInvoice(tenantId, invoice, now)));
        // One write per account: a transaction may not touch an item twice, and one account can have several invoices.
        Map<String, BigDecimal> added = posted.stream().collect(Collectors.groupingBy(PostedInvoice::accountId,
                LinkedHashMap::new, Collectors.reducing(BigDecimal.ZERO, PostedInvoice::total, BigDecimal::add)));
        added.forEach((accountId, amount) -> writes.add(addToBalance(tenantId, accountId, balances.get(accountId), amount)));
        return writes;
    }

    private TransactWriteItem postInvoice(String tenantId, PostedInvoice invoice, String postedAt) {
        return table.updateAction(Keys.invoice(tenantId, invoice.invoiceId()),
                "SET #status = :posted, #number = :number, #gsi2sk = :sort, #postedAt = :postedAt",
                "#status = :draft",
                Map.of("#status", InvoiceMapper.STATUS, "#number", InvoiceMapper.NUMBER, "#gsi2sk", Keys.GSI2SK,
                        "#postedAt", "postedAt"),
                Map.of(":posted", s(InvoiceStatus.POSTED.name()), ":draft", s(InvoiceStatus.DRAFT.name()),
                        ":number", s(invoice.number()), ":postedAt", s(postedAt),
                        ":sort", s(Keys.runInvoicesIndexSort(InvoiceStatus.POSTED.name(), invoice.invoiceId()))));
    }

    /** Balances are decimal strings, which ADD cannot add: the sum is written conditioned on the value read. */
    private TransactWriteItem addToBalance(String tenantId, String accountId, String stored, BigDecimal amount) {
        BigDecimal read = stored == null ? BigDecimal.ZERO : new BigDecimal(stored);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":balance", s(read.add(amount).toPlainString())));
        if (stored != null) {
            values.put(":read", s(stored));
        }
        return table.updateAction(Keys.account(tenantId, accountId), "SET #balance = :balance",
                "attribute_exists(PK) AND " + (stored == null ? "attribute_not_exists(#balance)" : "#balance = :read"),
                Map.of("#balance", AccountMapper.BALANCE), values);
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
