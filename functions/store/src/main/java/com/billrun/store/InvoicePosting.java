package com.billrun.store;

import com.billrun.core.DocumentNumbers;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.ShardedQuery;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Posts a run's draft invoices (DATA-MODEL.md "Post a run"): the run's invoice numbers are reserved once, as a
 * block, and its pages of 49 drafts then commit in parallel, each invoice with the number its rank in the block gives.
 * <ol>
 * <li><b>Plan and reserve</b>: the run's drafts (listed by the index, re-read consistently, their accounts checked)
 * are written in index order (invoice id) as the pages of a <i>post plan</i>, one item per page; then one
 * transaction takes {@code count} numbers from the tenant's counter and appends the block {first, count, plan,
 * number format} to the run's {@code postBlocks}, conditioned on the blocks read: a second planner of the same run
 * commits nothing and posts the first one's plan. The draft of rank {@code r} gets number {@code first + r}.</li>
 * <li><b>Post the pages</b>, up to {@link #DEFAULT_PARALLELISM} at once: one transaction per page moves each invoice
 * DRAFT → POSTED with its planned number, replaces each account's balance (as read) by the balance plus its
 * invoices (account credit applied as before, DATA-MODEL.md "Account credit at posting"), and marks the page item
 * {@code posted} (condition: not yet). A run that posts by post group ({@link PostGroups}) has pages of whole groups:
 * each group's record is posted instead of its drafts, which stay as they are but for those that take account
 * credit or are credit invoices (and the one draft of a group of one), written as above. A page replayed finds its page posted and does nothing; a page that fails
 * writes nothing and keeps its numbers for the next attempt. No page names the counter or the run item.</li>
 * <li><b>Count</b>: the run's {@code invoicesPosted} takes the posted pages' sizes in small transactions of their own,
 * each page counted once ({@code counted}, conditioned on not yet).</li>
 * <li>When every page of every block is posted, the index is read again: drafts that no block planned (added to
 * the run after its reservation) make a new block; none left, the run is posted.</li>
 * </ol>
 * Numbers stay gap-free per tenant because a reserved number belongs to one planned draft for good: it is never
 * given to another, and its draft can only become POSTED with it (a run with reserved numbers cannot be canceled,
 * {@link BillRunRepository#hasReservedInvoiceNumbers}). A draft whose account is missing at planning refuses the
 * run before any number is reserved ({@link PostingException}); one whose account goes missing later fails its page
 * only, which posts with the same numbers once fixed.
 */
public final class InvoicePosting {

    /** 49 invoices + their ≤ 49 accounts + the page item: 99 writes, within a transaction's 100. */
    public static final int PAGE_SIZE = 49;
    /** What one TransactWriteItems takes. */
    private static final int MAX_WRITES = 100;
    /** Pages committed at once by one poster. */
    public static final int DEFAULT_PARALLELISM = 8;
    /**
     * The plan's batch calls at once (its re-reads of the drafts, the check of their accounts, the plan's page items
     * written), on virtual threads ({@link BatchCalls}): a million drafts are some 21,000 calls made once, before any
     * page posts, so they set how soon the lanes can start (README "Capacity"); 32 stays under the SDK's 50
     * connections.
     */
    public static final int PLAN_PARALLELISM = 32;
    private static final int ATTEMPTS = 10;
    /** Page items read, or counted, per call (a transaction's 100 actions, less the run item). */
    private static final int BATCH = 99;
    /** Posted pages counted into the run's invoicesPosted together: its progress moves every ~500 invoices. */
    private static final int COUNT_EVERY = 10;
    private static final String POST_BLOCKS = "postBlocks";
    private static final String INVOICE_IDS = "invoiceIds";
    private static final String POSTED = "posted";
    private static final String COUNTED = "counted";
    private static final String GROUPS = "groups";
    private static final String FIRST_RANK = "firstRank";
    /** Every name through a placeholder: DynamoDB reserves words such as {@code status} and {@code total}. */
    private static final String DRAFT_ATTRIBUTES = "#invoiceId, #accountId, #currency, #status, #total, #invoiceDate, #dueDate";
    private static final Map<String, String> DRAFT_NAMES = Map.of("#invoiceId", "invoiceId", "#accountId", "accountId",
            "#currency", "currency", "#status", InvoiceMapper.STATUS, "#total", "total", "#invoiceDate", "invoiceDate",
            "#dueDate", "dueDate");

    /** An invoice as its page posted it, with its planned number. */
    public record PostedInvoice(String invoiceId, String accountId, String number, String currency, BigDecimal total) {
    }

    /** What one call of {@link #post} did: {@code done} when no draft is left. */
    public record Outcome(boolean done, int invoicesPosted) {
    }

    /**
     * A run's reserved numbers: {@code first .. first + count - 1}, given in plan order, in the tenant's number format
     * when they were reserved.
     */
    record Block(long first, int count, String planId, String prefix, int digits, int pageCount) {

        /** Pages of {@link #PAGE_SIZE} drafts, or for a run that posts by post group, as many as its plan made. */
        int pages() {
            return pageCount > 0 ? pageCount : (count + PAGE_SIZE - 1) / PAGE_SIZE;
        }

        String number(int rank) {
            return DocumentNumbers.format(prefix, digits, first + rank);
        }

        AttributeValue toAttribute() {
            Map<String, AttributeValue> block = new HashMap<>(Map.of("first", AttributeValue.fromN(Long.toString(first)),
                    "count", AttributeValue.fromN(Integer.toString(count)), "plan", AttributeValue.fromS(planId),
                    "prefix", AttributeValue.fromS(prefix), "digits", AttributeValue.fromN(Integer.toString(digits))));
            if (pageCount > 0) {
                block.put("pages", AttributeValue.fromN(Integer.toString(pageCount)));
            }
            return AttributeValue.fromM(block);
        }

        static Block of(ItemReader item) {
            return new Block(item.numberOrZero("first"), (int) item.numberOrZero("count"), item.string("plan"),
                    item.string("prefix"), (int) item.numberOrZero("digits"), (int) item.numberOrZero("pages"));
        }
    }

    /**
     * A page of a plan: its drafts in rank order, the rank of its first in the block, and for a run that posts by post
     * group its groups in order (their drafts, one after another, are {@code invoiceIds}); none for another run.
     */
    record PagePlan(List<String> invoiceIds, int firstRank, List<GroupSpan> groups) {

        /** The drafts of the page that their group's record posts: those of its groups of more than one. */
        Set<String> postedByGroup() {
            Set<String> ids = new HashSet<>();
            int at = 0;
            for (GroupSpan group : groups) {
                if (group.size() > 1) {
                    ids.addAll(invoiceIds.subList(at, at + group.size()));
                }
                at += group.size();
            }
            return ids;
        }

        static PagePlan of(ItemReader item, int page) {
            List<GroupSpan> groups = item.maps(GROUPS).stream()
                    .map(group -> new GroupSpan(group.string("id"), (int) group.numberOrZero("size"))).toList();
            int first = item.has(FIRST_RANK) ? (int) item.numberOrZero(FIRST_RANK) : page * PAGE_SIZE;
            return new PagePlan(item.strings(INVOICE_IDS), first, groups);
        }
    }

    /** A post group on a page: its id and how many drafts it has. */
    record GroupSpan(String groupId, int size) {
    }

    private final Table table;
    private final RunLayouts layouts;
    private final InvoiceRepository invoices;
    private final Counters counters;
    private final TenantSettingsRepository settings;
    private final Clock clock;
    private final int parallelism;
    private final ExecutorService pool;

    public InvoicePosting(Table table, Clock clock) {
        this(table, clock, DEFAULT_PARALLELISM);
    }

    /** @param parallelism pages committed at once (threads of this instance, daemons, kept for its lifetime) */
    public InvoicePosting(Table table, Clock clock, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.table = table;
        this.layouts = new RunLayouts(table);
        this.invoices = new InvoiceRepository(table);
        this.counters = new Counters(table);
        this.settings = new TenantSettingsRepository(table);
        this.clock = clock;
        this.parallelism = parallelism;
        this.pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().name("posting-", 0).daemon().factory());
    }

    /**
     * Posts the run's next page (reserving the run's numbers first when it has none left to post); an empty list
     * means no draft is left.
     *
     * @throws PostingException          when a draft's account is gone
     * @throws TransientStoreException   when contention outlasted the retries
     */
    public List<PostedInvoice> postNextPage(String tenantId, String billRunId) {
        List<PostedInvoice> page = new ArrayList<>();
        post(tenantId, billRunId, () -> false, page::addAll);
        return page;
    }

    /** Posts a run's pages one call of {@link #postNextPage} at a time. */
    public Poster poster(String tenantId, String billRunId) {
        return new Poster(tenantId, billRunId);
    }

    /** One page per {@link #next}. */
    public final class Poster implements AutoCloseable {

        private final String tenantId;
        private final String billRunId;

        private Poster(String tenantId, String billRunId) {
            this.tenantId = tenantId;
            this.billRunId = billRunId;
        }

        /** Posts the next page; an empty list means no draft is left. */
        public List<PostedInvoice> next() {
            return postNextPage(tenantId, billRunId);
        }

        @Override
        public void close() {
            // Nothing held: the pool belongs to the InvoicePosting.
        }
    }

    /**
     * Posts the run's pages, several at once, while {@code anotherPage} says so (asked before each page after this
     * call's first), each page handed to {@code onPage} (on the calling thread) once committed. Pages posted by an
     * earlier call are skipped; a run none of whose blocks has a page left is planned and reserved again when the
     * index still lists drafts.
     *
     * @throws PostingException          when a draft's account is gone (the pages posted stay posted, and counted)
     * @throws TransientStoreException   when contention outlasted the retries
     */
    public Outcome post(String tenantId, String billRunId, BooleanSupplier anotherPage, Consumer<List<PostedInvoice>> onPage) {
        Call call = new Call(tenantId, billRunId, Lane.ALL, anotherPage, onPage);
        return counted(call, () -> postWhileTimeLasts(call));
    }

    /**
     * Reserves the run's numbers if it has none yet (the first step of a post in lanes, before the lanes start):
     * true when the run has pages to post (a block reserved now, by another poster, or before), false when it has
     * neither a block nor a draft. A run that already has blocks is left as it is: drafts added after its
     * reservation are planned by {@link #post} once every block is posted.
     *
     * @throws PostingException          when a draft's account is gone: nothing reserved
     * @throws TransientStoreException   when contention outlasted the retries
     */
    public boolean reserve(String tenantId, String billRunId) {
        return !blocks(tenantId, billRunId).isEmpty() || planAndReserve(tenantId, billRunId, 0);
    }

    /**
     * Posts one lane's pages of the run's reserved blocks while {@code anotherPage} says so, as {@link #post} does:
     * lane {@code lane} of {@code lanes} (1 to lanes) posts the pages whose index in their block is
     * {@code lane - 1} modulo {@code lanes}, so that {@code lanes} callers at once (one Lambda invocation each) post
     * every page once between them. It reserves nothing and never finishes the run: {@code done} means this lane's
     * pages are all posted (by it or by anyone); a {@link #post} afterwards counts what is left, plans the drafts no
     * block has and says when the run is done.
     *
     * @throws PostingException          when a page's account is gone (the pages posted stay posted, and counted)
     * @throws TransientStoreException   when contention outlasted the retries
     */
    public Outcome postLane(String tenantId, String billRunId, int lane, int lanes, BooleanSupplier anotherPage,
                            Consumer<List<PostedInvoice>> onPage) {
        Call call = new Call(tenantId, billRunId, Lane.of(lane, lanes), anotherPage, onPage);
        return counted(call, () -> {
            for (Block block : blocks(tenantId, billRunId)) {
                if (!call.postPages(block)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Runs the call's work, then counts what it posted, also when it failed. */
    private Outcome counted(Call call, BooleanSupplier work) {
        boolean done;
        try {
            done = work.getAsBoolean();
        } catch (RuntimeException | Error failed) {
            try {
                call.countPosted(); // what the call posted before it failed is counted all the same
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed); // counted by the next call, which finds those pages uncounted
            }
            throw failed;
        }
        call.countPosted();
        return new Outcome(done, call.posted);
    }

    /** Posts the blocks' pages left, then reserves a block for drafts no block has; true when none is left. */
    private boolean postWhileTimeLasts(Call call) {
        while (true) {
            List<Block> blocks = blocks(call.tenantId, call.billRunId);
            for (Block block : blocks) {
                if (!call.postPages(block)) {
                    return false;
                }
            }
            if (!call.mayGoOn()) {
                return false;
            }
            if (!planAndReserve(call.tenantId, call.billRunId, blocks.size())) {
                return true;
            }
        }
    }

    /**
     * The pages of each block a call posts: those whose index is {@code lane - 1} modulo {@code lanes} (1 to lanes);
     * {@link #ALL} is every page.
     */
    record Lane(int lane, int lanes) {

        static final Lane ALL = new Lane(1, 1);

        static Lane of(int lane, int lanes) {
            if (lanes < 1 || lane < 1 || lane > lanes) {
                throw new IllegalArgumentException("lane %d of %d: a lane is 1 to lanes, lanes at least 1".formatted(lane, lanes));
            }
            return new Lane(lane, lanes);
        }

        /** The lane's pages of a block of {@code pages} pages, in order. */
        List<Integer> pagesOf(int pages) {
            List<Integer> mine = new ArrayList<>();
            for (int page = lane - 1; page < pages; page += lanes) {
                mine.add(page);
            }
            return mine;
        }

        /**
         * Posted pages counted together: every {@link #COUNT_EVERY} pages of one poster; with several lanes each
         * counts that many times fewer (up to a transaction's worth), so that the run item, which every count
         * transaction writes, takes about as many counts a second as with one poster.
         */
        int countEvery() {
            return Math.min(BATCH, COUNT_EVERY * lanes);
        }
    }

    /** One call of {@link #post} or {@link #postLane}: its pages in flight, the pages to count, what it posted. */
    private final class Call {

        private final String tenantId;
        private final String billRunId;
        private final Lane lane;
        private final BooleanSupplier anotherPage;
        private final Consumer<List<PostedInvoice>> onPage;
        private final Deque<Future<PageResult>> inFlight = new ArrayDeque<>();
        /** Posted pages (by this call or an earlier one) whose size the run's invoicesPosted may not have yet. */
        private final List<PageResult> toCount = new ArrayList<>();
        /** Account credit as the tenant's settings said when this call started. */
        private final boolean applyCredit;
        private int posted;
        private boolean startedAny;

        Call(String tenantId, String billRunId, Lane lane, BooleanSupplier anotherPage, Consumer<List<PostedInvoice>> onPage) {
            this.tenantId = tenantId;
            this.billRunId = billRunId;
            this.lane = lane;
            this.anotherPage = anotherPage;
            this.onPage = onPage;
            this.applyCredit = settings.configuration(tenantId).applyCreditAutomatically();
        }

        /** The call's first page always; then as long as the caller has time. */
        boolean mayGoOn() {
            return !startedAny || anotherPage.getAsBoolean();
        }

        /** Posts the block's pages left (of this call's lane); false when the caller's time ran out before the last one. */
        boolean postPages(Block block) {
            try {
                for (List<Integer> chunk : BatchCalls.chunks(lane.pagesOf(block.pages()), BATCH)) {
                    List<ItemKey> keys = new ArrayList<>();
                    for (int page : chunk) {
                        keys.add(Keys.postPage(tenantId, billRunId, block.planId(), page));
                    }
                    Map<String, ItemReader> pages = table.getAll(keys).stream()
                            .collect(Collectors.toMap(item -> item.string("PK"), item -> item));
                    for (int i = 0; i < keys.size(); i++) {
                        int page = chunk.get(i);
                        ItemReader item = pages.get(keys.get(i).pk());
                        if (item == null) {
                            throw new IllegalStateException("page %d of the post plan of run %s is missing"
                                    .formatted(page, billRunId));
                        }
                        if (item.has(POSTED)) {
                            if (!item.has(COUNTED)) {
                                toCount.add(new PageResult(keys.get(i), List.of(), (int) item.numberOrZero(POSTED)));
                            }
                            continue;
                        }
                        if (!mayGoOn()) {
                            collectAll();
                            return false;
                        }
                        startedAny = true;
                        PagePlan plan = PagePlan.of(item, page);
                        inFlight.add(pool.submit(() -> postPage(tenantId, billRunId, block, page, plan, applyCredit)));
                        if (inFlight.size() >= parallelism) {
                            collect(inFlight.poll());
                        }
                    }
                }
                collectAll();
                return true;
            } catch (RuntimeException | Error failed) {
                drain();
                throw failed;
            }
        }

        private void collectAll() {
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll());
            }
        }

        /** Waits for the pages still in flight after a failure, keeping what they posted. */
        private void drain() {
            while (!inFlight.isEmpty()) {
                try {
                    collect(inFlight.poll());
                } catch (RuntimeException alsoFailed) {
                    // The first failure is the one reported; this page is posted by a later call.
                }
            }
        }

        private void collect(Future<PageResult> page) {
            PageResult result = BatchCalls.await(page);
            if (result.posted() > 0) {
                toCount.add(result);
            }
            if (!result.invoices().isEmpty()) {
                posted += result.invoices().size();
                onPage.accept(result.invoices());
            }
            if (toCount.size() >= lane.countEvery()) {
                countPosted();
            }
        }

        /** Adds the posted pages' sizes to the run's invoicesPosted, each page once. */
        void countPosted() {
            if (toCount.isEmpty()) {
                return;
            }
            countOnce(tenantId, billRunId, List.copyOf(toCount));
            toCount.clear();
        }
    }

    /** A page as one call saw it: the invoices it posted (none when it was posted before) and the page's size. */
    private record PageResult(ItemKey page, List<PostedInvoice> invoices, int posted) {
    }

    /** The run's reserved blocks, in the order they were reserved (none before its first post). */
    List<Block> blocks(String tenantId, String billRunId) {
        return table.get(Keys.billRun(tenantId, billRunId))
                .filter(item -> item.has(POST_BLOCKS))
                .map(item -> item.maps(POST_BLOCKS).stream().map(Block::of).toList())
                .orElse(List.of());
    }

    /**
     * Plans the run's drafts that no block has and reserves their numbers as block number {@code known} (the blocks
     * read). Returns false when the run has no draft left; true when a block was reserved, by this call or (its own
     * plan left unused) by another poster of the run.
     *
     * @throws PostingException when a draft's account is missing: nothing reserved
     */
    boolean planAndReserve(String tenantId, String billRunId, int known) {
        Optional<Plan> plan = layouts.grouped(tenantId, billRunId)
                ? planGroups(tenantId, billRunId) : planDrafts(tenantId, billRunId);
        if (plan.isEmpty()) {
            return false;
        }
        TenantConfiguration format = settings.configuration(tenantId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (blocks(tenantId, billRunId).size() != known) {
                return true; // another poster of the run reserved first: this plan stays unused
            }
            long last = counters.last(tenantId, Counters.INVOICE);
            Block block = new Block(last + 1, plan.get().count(), plan.get().planId(), format.invoiceNumberPrefix(),
                    format.numberDigits(), plan.get().pages());
            try {
                table.transact(List.of(counters.advance(tenantId, Counters.INVOICE, last, plan.get().count()),
                        reserveAction(tenantId, billRunId, block, known)));
                return true;
            } catch (TransactionCanceledException contention) {
                // Another run took numbers, or another poster of this run reserved: read both again.
                pause(attempt);
            }
        }
        throw new TransientStoreException("could not reserve the invoice numbers of run " + billRunId + ": contention", null);
    }

    /** A plan written, not yet reserved: its drafts' count, and its pages' (0: pages of {@link #PAGE_SIZE}). */
    private record Plan(String planId, int count, int pages) {
    }

    /**
     * Plans the drafts of a run that does not post by post group, in pages of {@link #PAGE_SIZE} in index order
     * (invoice id): empty when none is left.
     */
    private Optional<Plan> planDrafts(String tenantId, String billRunId) {
        List<String> listed = invoices.allDraftIdsOfRun(tenantId, billRunId);
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        // Every page of every block is posted, so a draft that the table (read consistently) still shows as DRAFT is
        // in no block; one the index lists but the table shows posted is left out.
        Map<String, String> drafts = draftsOf(tenantId, listed, true);
        List<String> planned = listed.stream().filter(drafts::containsKey).distinct().toList();
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        checkAccounts(tenantId, planned, drafts, true);
        String planId = UUID.randomUUID().toString();
        List<List<String>> pages = BatchCalls.chunks(planned, PAGE_SIZE);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int page = 0; page < pages.size(); page++) {
            Map<String, AttributeValue> item = new HashMap<>(Keys.postPage(tenantId, billRunId, planId, page).toAttributes());
            item.put(INVOICE_IDS, AttributeValue.fromL(pages.get(page).stream().map(AttributeValue::fromS).toList()));
            items.add(item);
        }
        writePlan(items);
        return Optional.of(new Plan(planId, planned.size(), 0));
    }

    /**
     * Plans the post groups of a run that posts by post group (DATA-MODEL.md "Post groups") that are not posted, in
     * group id order, each group's drafts in their rank order: whole groups to a page, at most {@link #PAGE_SIZE}
     * drafts and as many groups as keep its transaction within 100 writes whatever it holds ({@link #writes}: any
     * draft may take account credit at posting, which writes it). Every page of every block is posted when this runs,
     * so a group not posted is in no block (a group of one has no record: its draft, written POSTED, says so).
     * Empty when no group is left.
     */
    private Optional<Plan> planGroups(String tenantId, String billRunId) {
        List<ItemReader> unposted = new ArrayList<>();
        table.each(ShardedQuery.ofTable(Keys.postGroupPartitions(tenantId, billRunId), Keys.POST_GROUP_PREFIX), group -> {
            if (!group.has(PostGroups.POSTED)) {
                unposted.add(group);
            }
        });
        if (unposted.isEmpty()) {
            return Optional.empty();
        }
        List<String> listed = unposted.stream().flatMap(group -> group.strings(PostGroups.INVOICE_IDS).stream()).toList();
        // The groups are read consistently; their drafts and accounts were written before the run completed, long
        // before any post: read eventually consistent, half the read units.
        Map<String, String> drafts = draftsOf(tenantId, listed, false);
        List<GroupSpan> groups = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (ItemReader group : unposted) {
            List<String> ids = group.strings(PostGroups.INVOICE_IDS);
            long left = ids.stream().filter(drafts::containsKey).count();
            if (left == 0) {
                continue; // none of its invoices is a draft any more (a canceled run's)
            }
            if (left != ids.size()) {
                throw new IllegalStateException("post group %s of run %s has %d drafts of %d invoices: its numbers would skip"
                        .formatted(PostGroups.groupId(group), billRunId, left, ids.size()));
            }
            groups.add(new GroupSpan(PostGroups.groupId(group), ids.size()));
            planned.addAll(ids);
        }
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        checkAccounts(tenantId, planned, drafts, false);
        String planId = UUID.randomUUID().toString();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int rank = 0;
        int next = 0;
        while (next < groups.size()) {
            List<GroupSpan> page = new ArrayList<>();
            int size = 0;
            int writes = 1; // the page item
            while (next < groups.size() && size + groups.get(next).size() <= PAGE_SIZE
                    && writes + writes(groups.get(next)) <= MAX_WRITES) {
                size += groups.get(next).size();
                writes += writes(groups.get(next));
                page.add(groups.get(next++));
            }
            if (page.isEmpty()) {
                throw new IllegalStateException("post group %s of run %s has %d drafts: more than a page holds"
                        .formatted(groups.get(next).groupId(), billRunId, groups.get(next).size()));
            }
            Map<String, AttributeValue> item = new HashMap<>(
                    Keys.postPage(tenantId, billRunId, planId, items.size()).toAttributes());
            item.put(INVOICE_IDS, AttributeValue.fromL(planned.subList(rank, rank + size).stream()
                    .map(AttributeValue::fromS).toList()));
            item.put(FIRST_RANK, AttributeValue.fromN(Integer.toString(rank)));
            item.put(GROUPS, AttributeValue.fromL(page.stream().map(group -> AttributeValue.fromM(Map.of(
                    "id", AttributeValue.fromS(group.groupId()),
                    "size", AttributeValue.fromN(Integer.toString(group.size()))))).toList()));
            items.add(item);
            rank += size;
        }
        writePlan(items);
        return Optional.of(new Plan(planId, planned.size(), items.size()));
    }

    /**
     * The most writes a group takes in its page's transaction: a group of one, its draft and its account; a larger
     * group, its record and each draft's account, and each draft itself should it take account credit.
     */
    private static int writes(GroupSpan group) {
        return group.size() == 1 ? 2 : 1 + 2 * group.size();
    }

    /** The listed invoices that the table shows as DRAFT: their accounts, by invoice id. */
    private Map<String, String> draftsOf(String tenantId, List<String> listed, boolean consistent) {
        Map<String, String> drafts = new HashMap<>();
        BatchCalls.atOnce(BatchCalls.chunks(listed, 100), PLAN_PARALLELISM, ids -> read(ids.stream()
                .map(id -> Keys.invoice(tenantId, id)).toList(), "#invoiceId, #accountId, #status",
                Map.of("#invoiceId", "invoiceId", "#accountId", "accountId", "#status", InvoiceMapper.STATUS), consistent))
                .forEach(item -> {
                    if (InvoiceStatus.DRAFT.name().equals(item.string(InvoiceMapper.STATUS))) {
                        drafts.put(item.string("invoiceId"), item.string("accountId"));
                    }
                });
        return drafts;
    }

    /** @throws PostingException when a planned draft's account does not exist: nothing reserved */
    private void checkAccounts(String tenantId, List<String> planned, Map<String, String> drafts, boolean consistent) {
        Set<String> accountIds = new LinkedHashSet<>();
        planned.forEach(id -> accountIds.add(drafts.get(id)));
        Set<String> found = new HashSet<>();
        BatchCalls.atOnce(BatchCalls.chunks(List.copyOf(accountIds), 100), PLAN_PARALLELISM, ids -> read(ids.stream()
                .map(id -> Keys.account(tenantId, id)).toList(), "#accountId", Map.of("#accountId", AccountMapper.ACCOUNT_ID),
                consistent))
                .forEach(item -> found.add(item.string(AccountMapper.ACCOUNT_ID)));
        planned.stream().filter(id -> !found.contains(drafts.get(id))).findFirst().ifPresent(orphan -> {
            throw new PostingException("invoice %s cannot be posted: its account %s does not exist"
                    .formatted(orphan, drafts.get(orphan)));
        });
    }

    private List<ItemReader> read(List<ItemKey> keys, String projection, Map<String, String> names, boolean consistent) {
        return consistent ? table.getAll(keys, projection, names) : table.getAllEventually(keys, projection, names);
    }

    private void writePlan(List<Map<String, AttributeValue>> items) {
        BatchCalls.atOnce(BatchCalls.chunks(items, 25 * 4), PLAN_PARALLELISM, chunk -> {
            table.putAll(chunk);
            return List.<ItemReader>of();
        });
    }

    private TransactWriteItem reserveAction(String tenantId, String billRunId, Block block, int known) {
        String condition = (known == 0 ? "attribute_not_exists(#blocks)" : "size(#blocks) = :known")
                + " AND (attribute_not_exists(#status) OR NOT (#status IN (:canceled, :deleted)))";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":block", AttributeValue.fromL(List.of(block.toAttribute())),
                ":none", AttributeValue.fromL(List.of()),
                ":canceled", AttributeValue.fromS(BillRunStatus.CANCELED.name()),
                ":deleted", AttributeValue.fromS(BillRunStatus.DELETED.name())));
        if (known > 0) {
            values.put(":known", AttributeValue.fromN(Integer.toString(known)));
        }
        return table.updateAction(Keys.billRun(tenantId, billRunId),
                "SET #blocks = list_append(if_not_exists(#blocks, :none), :block)", condition,
                Map.of("#blocks", POST_BLOCKS, "#status", BillRunMapper.STATUS), values);
    }

    /** The page as another poster committed it (read consistently), or empty while it is unposted. */
    private Optional<PageResult> postedBefore(ItemKey pageKey) {
        ItemReader item = table.get(pageKey).orElseThrow();
        return item.has(POSTED)
                ? Optional.of(new PageResult(pageKey, List.of(), item.has(COUNTED) ? 0 : (int) item.numberOrZero(POSTED)))
                : Optional.empty();
    }

    /**
     * Posts page {@code page} of the block: its drafts, each with the number of its rank. Returns what it posted
     * (nothing when the page was posted before).
     */
    private PageResult postPage(String tenantId, String billRunId, Block block, int page, PagePlan plan,
                                boolean applyCredit) {
        ItemKey pageKey = Keys.postPage(tenantId, billRunId, block.planId(), page);
        List<String> ids = plan.invoiceIds();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            ranks.put(ids.get(i), plan.firstRank() + i);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                Optional<PageResult> before = postedBefore(pageKey);
                if (before.isPresent()) {
                    return before.get();
                }
            }
            // A page of post groups reads its drafts eventually consistent (half the units): they were written before
            // the run completed, and what the page commits is conditioned on its groups' records, not on them.
            Map<String, ItemReader> read = read(ids.stream().map(id -> Keys.invoice(tenantId, id)).toList(),
                    DRAFT_ATTRIBUTES, DRAFT_NAMES, plan.groups().isEmpty())
                    .stream().collect(Collectors.toMap(item -> item.string("invoiceId"), item -> item));
            List<Draft> drafts = new ArrayList<>();
            for (String id : ids) {
                ItemReader item = read.get(id);
                if (item == null || !InvoiceStatus.DRAFT.name().equals(item.string(InvoiceMapper.STATUS))) {
                    // Another poster of the run (a retried Lambda, another lane) may have committed this very page since
                    // it was read: then there is nothing left to do.
                    Optional<PageResult> before = postedBefore(pageKey);
                    if (before.isPresent()) {
                        return before.get();
                    }
                    // Only this page gives this invoice its number: a planned invoice that is no longer a draft while
                    // its page is unposted was changed behind the plan.
                    throw new IllegalStateException("invoice %s of run %s is %s, but its number %s is reserved for it"
                            .formatted(id, billRunId, item == null ? "gone" : item.string(InvoiceMapper.STATUS),
                                    block.number(ranks.get(id))));
                }
                drafts.add(new Draft(id, item.string("accountId"), item.string("currency"), item.amount("total"),
                        item.date("invoiceDate"), item.date("dueDate")));
            }
            // A page of post groups reads the balances eventually consistent at first: it writes an account only
            // conditioned on what it read (a stale read is refused and the page reads again, consistently), and most
            // of its accounts it does not write at all (DATA-MODEL.md "Balances owed by post groups").
            Map<String, AccountMoney> balances = balancesOf(tenantId, drafts, attempt > 0 || plan.groups().isEmpty());
            List<PostedInvoice> posted = drafts.stream().map(draft -> new PostedInvoice(draft.invoiceId(),
                    draft.accountId(), block.number(ranks.get(draft.invoiceId())), draft.currency(), draft.total())).toList();
            Instant now = clock.instant();
            List<TransactWriteItem> writes = pageWrites(tenantId, drafts, posted, balances, applyCredit,
                    plan.postedByGroup(), now);
            writes.addAll(groupWrites(tenantId, billRunId, block, plan, now));
            writes.add(table.updateAction(pageKey, "SET #posted = :n", "attribute_not_exists(#posted)",
                    Map.of("#posted", POSTED), Map.of(":n", AttributeValue.fromN(Integer.toString(posted.size())))));
            try {
                table.transact(writes);
                return new PageResult(pageKey, posted, posted.size());
            } catch (TransactionCanceledException contention) {
                // Another poster of the run posted this page, or a payment or another run's page moved a balance.
                pause(attempt);
            }
        }
        throw new TransientStoreException("could not post page %d of run %s: contention".formatted(page, billRunId), null);
    }

    /** Adds the pages' sizes to the run's invoicesPosted, in transactions of up to 99 pages, each page counted once. */
    private void countOnce(String tenantId, String billRunId, List<PageResult> pages) {
        for (List<PageResult> chunk : BatchCalls.chunks(pages, BATCH)) {
            List<PageResult> left = chunk;
            for (int attempt = 0; !left.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new TransientStoreException("could not count the posted pages of run " + billRunId, null);
                }
                List<TransactWriteItem> writes = new ArrayList<>();
                long sum = 0;
                for (PageResult page : left) {
                    writes.add(table.updateAction(page.page(), "SET #counted = :yes",
                            "attribute_exists(#posted) AND attribute_not_exists(#counted)",
                            Map.of("#counted", COUNTED, "#posted", POSTED), Map.of(":yes", AttributeValue.fromBool(true))));
                    sum += page.posted();
                }
                writes.add(table.updateAction(Keys.billRun(tenantId, billRunId), "ADD #posted :n", null,
                        Map.of("#posted", BillRunMapper.INVOICES_POSTED), Map.of(":n", AttributeValue.fromN(Long.toString(sum)))));
                try {
                    table.transact(writes);
                    return;
                } catch (TransactionCanceledException contention) {
                    // Another poster counted some of them, or touched the run: count what is left uncounted.
                    Set<String> uncounted = table.getAll(left.stream().map(PageResult::page).toList()).stream()
                            .filter(item -> !item.has(COUNTED)).map(item -> item.string("PK")).collect(Collectors.toSet());
                    left = left.stream().filter(page -> uncounted.contains(page.page().pk())).toList();
                    pause(attempt);
                }
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

    /**
     * Each account's balance as stored (null: none yet) and its credits, to be replaced, conditioned on what was read,
     * by the sum (and the credits left).
     */
    private Map<String, AccountMoney> balancesOf(String tenantId, List<Draft> drafts, boolean consistent) {
        Set<String> accountIds = drafts.stream().map(Draft::accountId).collect(Collectors.toSet());
        Map<String, AccountMoney> balances = AccountBalances.read(table, tenantId, accountIds, consistent);
        if (!consistent && !balances.keySet().containsAll(accountIds)) {
            return balancesOf(tenantId, drafts, true); // not there yet for an eventually consistent read: ask again
        }
        drafts.stream().filter(draft -> !balances.containsKey(draft.accountId())).findFirst().ifPresent(orphan -> {
            throw new PostingException("invoice %s cannot be posted: its account %s does not exist"
                    .formatted(orphan.invoiceId(), orphan.accountId()));
        });
        return balances;
    }

    /**
     * Each post group of the page posted: its {@code posted} record (the number of its first draft, the block's format,
     * now), conditioned on not yet. None for a page of a run that does not post by post group.
     */
    private List<TransactWriteItem> groupWrites(String tenantId, String billRunId, Block block, PagePlan plan,
                                                Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        int rank = plan.firstRank();
        for (GroupSpan group : plan.groups()) {
            if (group.size() == 1) {
                rank++;
                continue; // its one draft is written POSTED itself (pageWrites): a group of one needs no record
            }
            // Owed: this page does not write the accounts of the group's invoices it leaves as they are (pageWrites).
            PostGroups.Posted posted = new PostGroups.Posted(block.first() + rank, block.prefix(), block.digits(), now,
                    true);
            writes.add(table.updateAction(Keys.postGroup(tenantId, billRunId, group.groupId()), "SET #posted = :posted",
                    "attribute_exists(PK) AND attribute_not_exists(#posted)", Map.of("#posted", PostGroups.POSTED),
                    Map.of(":posted", posted.toAttribute())));
            rank += group.size();
        }
        return writes;
    }

    /**
     * @param postedByGroup the drafts that their post group's record posts (those of groups of more than one): of
     *                      them only one that takes account credit, or a credit invoice (its balance 0), is written,
     *                      the others are left as they are; every other draft is written POSTED
     */
    private List<TransactWriteItem> pageWrites(String tenantId, List<Draft> drafts, List<PostedInvoice> posted,
                                              Map<String, AccountMoney> balances, boolean applyCredit,
                                              Set<String> postedByGroup, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
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
            boolean anyWritten = false;
            for (Draft draft : ofAccount.stream().sorted(OLDEST_DUE_FIRST).toList()) {
                List<InvoiceAdjustments.CreditApplied> applied = applyCredit
                        ? applyCredits(credits, draft.total(), now) : List.of();
                creditsChanged |= !applied.isEmpty();
                if (!postedByGroup.contains(draft.invoiceId()) || !applied.isEmpty() || draft.total().signum() < 0) {
                    writes.add(postInvoice(tenantId, draft, numbers.get(draft.invoiceId()), now, applied));
                    added = added.add(draft.total());
                    anyWritten = true;
                }
            }
            // The account owes the invoices' totals, a credit invoice's negative one included (its credit is part of
            // the balance); the credit applied was already off its balance. An invoice its group's record posts, left
            // as it is, is added to the balance when it is settled, and every read of the balance adds it till then
            // (PostGroups.unsettled): its account is not written.
            if (anyWritten || creditsChanged) {
                writes.add(AccountBalances.replace(table, tenantId, accountId, read, read.balance().add(added),
                        creditsChanged ? credits : null));
            }
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
