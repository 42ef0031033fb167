package com.billrun.store;

import com.billrun.core.InvoiceStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** 49 invoices + their ≤ 49 accounts + the counter: 99 writes, inside a transaction's 100 actions. */
    public static final int PAGE_SIZE = 49;
    private static final int ATTEMPTS = 10;
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
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<StoredInvoice> drafts = nextDrafts(tenantId, billRunId);
            if (drafts.isEmpty()) {
                return List.of();
            }
            Map<String, String> balances = balancesOf(tenantId, drafts);
            long last = counters.last(tenantId, Counters.INVOICE);
            List<PostedInvoice> posted = numbered(drafts, last);
            try {
                table.transact(pageWrites(tenantId, posted, balances, last));
                return posted;
            } catch (TransactionCanceledException contention) {
                // Another poster, a payment or a concurrent numbering got there first: read everything again.
                pause(attempt);
            }
        }
        throw new TransientStoreException("could not post a page of run " + billRunId + ": contention", null);
    }

    /**
     * The first drafts by the run's index, then re-read consistently: the index lags the table a little, and an
     * invoice it still shows as DRAFT may already be posted.
     */
    private List<StoredInvoice> nextDrafts(String tenantId, String billRunId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<StoredInvoice> indexed = invoices.ofRun(tenantId, billRunId, InvoiceStatus.DRAFT, null, PAGE_SIZE).items();
            if (indexed.isEmpty()) {
                return List.of();
            }
            List<StoredInvoice> drafts = table.getAll(indexed.stream().map(i -> Keys.invoice(tenantId, i.id())).toList())
                    .stream().map(InvoiceMapper::fromItem)
                    .filter(invoice -> invoice.invoice().status() == InvoiceStatus.DRAFT)
                    .sorted(Comparator.comparing(StoredInvoice::id)).toList();
            if (!drafts.isEmpty()) {
                return drafts;
            }
            pause(attempt);
        }
        throw new TransientStoreException("the index of run " + billRunId + " still lists posted invoices as drafts", null);
    }

    /** Each account's balance as stored (null: none yet), to be replaced, conditioned on that value, by the sum. */
    private Map<String, String> balancesOf(String tenantId, List<StoredInvoice> drafts) {
        Set<String> accountIds = drafts.stream().map(d -> d.invoice().accountId()).collect(Collectors.toSet());
        Map<String, String> balances = new HashMap<>();
        table.getAll(accountIds.stream().map(id -> Keys.account(tenantId, id)).toList())
                .forEach(account -> balances.put(account.string(AccountMapper.ACCOUNT_ID), account.string(AccountMapper.BALANCE)));
        drafts.stream().filter(draft -> !balances.containsKey(draft.invoice().accountId())).findFirst().ifPresent(orphan -> {
            throw new PostingException("invoice %s cannot be posted: its account %s does not exist"
                    .formatted(orphan.id(), orphan.invoice().accountId()));
        });
        return balances;
    }

    private static List<PostedInvoice> numbered(List<StoredInvoice> drafts, long last) {
        List<PostedInvoice> posted = new ArrayList<>();
        for (StoredInvoice draft : drafts) {
            posted.add(new PostedInvoice(draft.id(), draft.invoice().accountId(),
                    NUMBER_FORMAT.formatted(last + posted.size() + 1), draft.invoice().currency(), draft.invoice().total()));
        }
        return posted;
    }

    private List<TransactWriteItem> pageWrites(String tenantId, List<PostedInvoice> posted, Map<String, String> balances,
                                              long last) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(counters.advance(tenantId, Counters.INVOICE, last, posted.size()));
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
