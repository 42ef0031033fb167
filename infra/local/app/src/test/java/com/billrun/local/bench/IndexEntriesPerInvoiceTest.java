package com.billrun.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.aws.AwsClients;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoicePosting;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.TableSchema;
import com.billrun.usecases.billrun.CompleteBillRun;
import com.billrun.usecases.billrun.CreateBillRun;
import com.billrun.usecases.billrun.ExecutionStarter;
import com.billrun.usecases.billrun.InvoiceBatch;
import com.billrun.usecases.billrun.PostBillRun;
import com.billrun.usecases.billrun.PrepareBillRun;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the bench's meter counts for the index entries of a bill run's writes (functions/store/DATA-MODEL.md, "Index
 * keys on items of their own"): generating moves each billed subscription's charged-through dates and settling a
 * posted invoice sets its account's balance (posting by post group writes no account: "Balances owed by post
 * groups"), and neither item carries an index key any more, so neither write rewrites an index entry
 * (both indexes project ALL). Accounts and subscriptions stored before the change (the keys on the items themselves)
 * still bill and post, and still pay the entries: 1 per subscription, 2 per account. Runs the real use cases (Prepare,
 * the worker's batch, Complete, Post) on DynamoDB Local with a metered client.
 */
class IndexEntriesPerInvoiceTest {

    private static final String CALLER = "IndexEntriesProbe";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final int ACCOUNTS = 6;

    private static EmbeddedAws aws;
    private static UsageMeter meter;
    private static DynamoDbClient dynamoDb;
    private static BillrunStore store;

    @BeforeAll
    static void start() {
        aws = EmbeddedAws.start();
        meter = UsageMeter.install();
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_LAMBDA_FUNCTION_NAME", CALLER);
        dynamoDb = AwsClients.dynamoDb(env);
        dynamoDb.createTable(TableSchema.createTableRequest("index-entries"));
        store = BillrunStore.of(dynamoDb, "index-entries");
    }

    @AfterAll
    static void stop() {
        meter.uninstall();
        dynamoDb.close();
        aws.close();
    }

    @Test
    void chargedThroughAndBalanceWritesRewriteNoIndexEntry() {
        seed("lean", false);

        Map<String, Double> generate = measured(() -> generate("lean"));
        Map<String, Double> post = measured(() -> post("lean"));

        assertEquals(ACCOUNTS, generate.getOrDefault("SUB.items", 0.0), 1e-9, "each account's subscription moved on");
        assertEquals(0.0, generate.getOrDefault("SUB+index", 0.0), 1e-9, "no GSI1 entry rewritten");
        // Posting by post group writes no account (DATA-MODEL.md "Balances owed by post groups"); a writer of an
        // account's money settles its invoice first, which sets its balance.
        assertEquals(0.0, post.getOrDefault("ACCOUNT.items", 0.0), 1e-9, "no account written by the post");
        Map<String, Double> settle = measured(() -> settleAll("lean"));
        assertEquals(ACCOUNTS, settle.getOrDefault("ACCOUNT.items", 0.0), 1e-9, "each account's balance set");
        assertEquals(0.0, settle.getOrDefault("ACCOUNT+index", 0.0), 1e-9, "no GSI1 or GSI2 entry rewritten");
        assertEquals(2.0 * ACCOUNTS, settle.get("ACCOUNT"), 1e-9, "2 WRU per balance write (under 1 KB), nothing more");
        assertEquals(0.0, generate.getOrDefault("LISTING.items", 0.0) + generate.getOrDefault("SUBREF.items", 0.0)
                + post.getOrDefault("LISTING.items", 0.0) + post.getOrDefault("SUBREF.items", 0.0), 1e-9,
                "the listing and reference items are written once, when the account and subscription are");
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> assertEquals(new BigDecimal("10.00"),
                store.accounts().find("lean", "A" + i).orElseThrow().balance()));
        // Posting by post group (DATA-MODEL.md "Post groups"): the batch's one transaction wrote one group, and posting
        // writes its record, not the drafts nor their index entries.
        assertEquals(1.0, generate.getOrDefault("PG.items", 0.0), 1e-9, "one post group for the batch's transaction");
        assertEquals(1.0 * ACCOUNTS, generate.get("INVOICE+index"), 1e-9,
                "one index entry per draft (by account): its post group lists it in its run");
        assertEquals(1.0, post.getOrDefault("PG.items", 0.0), 1e-9, "the group's record posted");
        assertEquals(0.0, post.getOrDefault("INVOICE.items", 0.0), 1e-9, "no draft written");
        assertEquals(0.0, post.getOrDefault("INVOICE+index", 0.0), 1e-9, "no index entry of a draft rewritten");
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> assertEquals(InvoiceStatus.POSTED, store.invoices()
                .ofAccount("lean", "A" + i, null, 5).items().getFirst().invoice().status()));
    }

    @Test
    void itemsOfTheEarlierLayoutStillBillAndPostAndStillPayTheirIndexEntries() {
        seed("earlier", true);

        Map<String, Double> generate = measured(() -> generate("earlier"));
        Map<String, Double> post = measured(() -> post("earlier"));

        assertEquals(ACCOUNTS, generate.getOrDefault("SUB.items", 0.0), 1e-9);
        assertEquals(1.0 * ACCOUNTS, generate.get("SUB+index"), 1e-9, "GSI1 rewritten: 1 WRU per subscription");
        assertEquals(0.0, post.getOrDefault("ACCOUNT.items", 0.0), 1e-9);
        Map<String, Double> settle = measured(() -> settleAll("earlier"));
        assertEquals(ACCOUNTS, settle.getOrDefault("ACCOUNT.items", 0.0), 1e-9);
        assertEquals(2.0 * ACCOUNTS, settle.get("ACCOUNT+index"), 1e-9, "GSI1 and GSI2 rewritten: 2 WRU per account");
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> assertEquals(new BigDecimal("10.00"),
                store.accounts().find("earlier", "A" + i).orElseThrow().balance()));
    }

    /** What a payment, a credit note or a void does first: each account's money read, its posted invoice settled. */
    private static void settleAll(String tenantId) {
        IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> assertEquals(new BigDecimal("10.00"),
                store.accounts().money(tenantId, "A" + i).orElseThrow().balance()));
    }

    /** {@code ACCOUNTS} accounts of 10.00 a month; {@code earlier}: their index keys moved back onto the items. */
    private static void seed(String tenantId, boolean earlier) {
        for (int i = 1; i <= ACCOUNTS; i++) {
            String accountId = "A" + i;
            store.accounts().create(tenantId, new CustomerAccount(accountId, "Customer " + accountId,
                    accountId.toLowerCase() + "@customer.example", "USD", 1, null, null, null, null, null));
            store.subscriptions().create(tenantId, accountId, new Subscription("S-" + accountId, DECEMBER_1, null,
                    List.of(new Charge("plan", "Monthly plan", ChargeType.RECURRING, PricingModel.FLAT_FEE,
                            new BigDecimal("10.00"), null, BigDecimal.ONE, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE,
                            null, null, false, null))));
            if (earlier) {
                toEarlierLayout(tenantId, accountId, "S-" + accountId);
            }
        }
    }

    /** The account and subscription as stored before listings and references: the keys on the items themselves. */
    private static void toEarlierLayout(String tenantId, String accountId, String subscriptionId) {
        var listing = store.table().get(Keys.accountListing(tenantId, accountId)).orElseThrow();
        store.table().update(u -> u.key(Keys.account(tenantId, accountId).toAttributes())
                .updateExpression("SET GSI1PK = :g1pk, GSI1SK = :g1sk, GSI2PK = :g2pk, GSI2SK = :g2sk")
                .expressionAttributeValues(Map.of(":g1pk", listing.attributes().get(Keys.GSI1PK),
                        ":g1sk", listing.attributes().get(Keys.GSI1SK), ":g2pk", listing.attributes().get(Keys.GSI2PK),
                        ":g2sk", listing.attributes().get(Keys.GSI2SK))));
        store.table().delete(Keys.accountListing(tenantId, accountId), "accountId = :id",
                Map.of(":id", AttributeValue.fromS(accountId)));
        store.table().update(u -> u.key(Keys.subscription(tenantId, accountId, subscriptionId).toAttributes())
                .updateExpression("SET GSI1PK = :pk, GSI1SK = :sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.subscriptionIndex(tenantId, subscriptionId)),
                        ":sk", AttributeValue.fromS("SUB"))));
        store.table().delete(Keys.subscriptionReference(tenantId, accountId, subscriptionId), "accountId = :id",
                Map.of(":id", AttributeValue.fromS(accountId)));
    }

    private static void generate(String tenantId) {
        ExecutionStarter noStateMachine = (tenant, run) -> ExecutionStarter.Started.STARTED;
        BillRun run = new CreateBillRun(store.billRuns(), noStateMachine, Clock.systemUTC())
                .create(tenantId, BillRunOptions.allAccounts(DECEMBER_1), "finance@acme.example");
        List<String> batches = new PrepareBillRun(store, 500).prepare(tenantId, run.id());
        for (String batchId : batches) {
            new InvoiceBatch(store).invoice(tenantId, run.id(), batchId, () -> { });
        }
        new CompleteBillRun(store).complete(tenantId, run.id());
        assertEquals(ACCOUNTS, store.billRuns().get(tenantId, run.id()).counts().invoicesGenerated());
    }

    private static void post(String tenantId) {
        BillRun run = store.billRuns().list(tenantId, null, 1).items().getFirst();
        var posted = new PostBillRun(store.billRuns(), new InvoicePosting(store.table(), Clock.systemUTC()),
                (t, r, ids) -> { }, Clock.systemUTC()).post(tenantId, run.id(), () -> true);
        assertEquals(new PostBillRun.Progress(true, ACCOUNTS), posted);
        assertEquals(BillRunStatus.POSTED, store.billRuns().get(tenantId, run.id()).status());
    }

    /** The meter's transaction write units by kind of item ({@code SUB}, {@code SUB+index}, {@code SUB.items}, ...) during {@code phase}. */
    private static Map<String, Double> measured(Runnable phase) {
        Map<String, Double> before = byKind();
        phase.run();
        Map<String, Double> delta = new HashMap<>();
        byKind().forEach((kind, value) -> delta.put(kind, value - before.getOrDefault(kind, 0.0)));
        return delta;
    }

    private static Map<String, Double> byKind() {
        Map<String, Double> kinds = new HashMap<>();
        meter.snapshot().getOrDefault(CALLER, Map.of()).forEach((measure, value) -> {
            if (measure.startsWith("dynamodb.transactWrites.")) {
                kinds.put(measure.substring("dynamodb.transactWrites.".length()), value);
            }
        });
        return kinds;
    }
}
