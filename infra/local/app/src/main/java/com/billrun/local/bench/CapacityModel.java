package com.billrun.local.bench;

import com.billrun.store.InvoicePosting;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./billrun capacity}: from the units a bench measured per invoice ({@link BenchUnits}), what a run of N
 * accounts would cost on AWS (us-east-1 list prices, on-demand, no free tier: a run's own cost) and how long it
 * would take under AWS's documented limits, and which limit binds. README.md "Capacity" gives each price and
 * limit with its source.
 *
 * <p>Scaling: every unit is taken per invoice and multiplied by N (each account gives one invoice, as in the bench),
 * but the SES emails the bench saw (the run's notifications: a few per run, not per invoice), which are taken
 * as they are. Durations are the local runtime's (DynamoDB Local on this machine, slower per call than DynamoDB,
 * and x86, not Lambda's arm64): the time and GB-seconds they give are an upper bound rather than a forecast.
 */
final class CapacityModel {

    /** Prices per unit, us-east-1, on-demand. */
    record Prices(double perMillionReadUnits, double perMillionWriteUnits, double perMillionLambdaRequests,
                  double perLambdaGbSecond, double perThousandTransitions, double perMillionSqsRequests,
                  double perThousandEmails) {

        static final Prices US_EAST_1 = new Prices(0.125, 0.625, 0.20, 0.0000133334, 0.025, 0.40, 0.10);
    }

    /**
     * AWS's documented limits the time depends on, the deployment's own settings, and the assumptions stated as such.
     *
     * @param tableReadUnitsPerSecond     what the table serves at once: its warm throughput (template.yaml
     *                                    {@code TableWarmReadUnitsPerSecond}), set when the table is created
     * @param tableWriteUnitsPerSecond    the same for writes ({@code TableWarmWriteUnitsPerSecond}, also each index's)
     * @param newTableWriteUnitsPerSecond what a new on-demand table takes at once without warm throughput
     * @param partitionWriteUnitsPerSecond one partition, hence one partition key (the table's or an index's) until
     *                                   DynamoDB splits it
     * @param lambdaConcurrency          the account's concurrent executions
     * @param sqsPollerScalingPerMinute  how fast an SQS event source adds concurrent invocations
     * @param sqsPollerMaximum           the most an SQS event source runs at once
     * @param workerConcurrency          what the deployment allows the invoice workers (Map MaxConcurrency and the
     *                                   event source's MaximumConcurrency)
     * @param transitionsPerSecond       Step Functions Standard state transitions, refill rate
     * @param lambdaTimeoutSeconds       the Prepare function's timeout (template.yaml)
     * @param postLanes                  post Lambda invocations posting a run's pages at once (template.yaml
     *                                   {@code PostLanes})
     * @param pagesInFlight              page transactions each of them keeps in flight
     *                                   ({@link InvoicePosting#DEFAULT_PARALLELISM})
     * @param pageLatencySeconds         an assumption, not a measurement: what one page on AWS takes, its two
     *                                   BatchGetItem reads and its TransactWriteItems of up to 99 actions
     * @param prepareCallSeconds         an assumption, not a documented limit: what one of Prepare's sequential
     *                                   DynamoDB calls takes on AWS (a 1 MB Query page, a BatchWriteItem of 25)
     */
    record Limits(double tableReadUnitsPerSecond, double tableWriteUnitsPerSecond, double newTableWriteUnitsPerSecond,
                  double partitionWriteUnitsPerSecond, int lambdaConcurrency, double sqsPollerScalingPerMinute,
                  int sqsPollerMaximum, int workerConcurrency, double transitionsPerSecond, double lambdaTimeoutSeconds,
                  int postLanes, int pagesInFlight, double pageLatencySeconds, double prepareCallSeconds) {

        /** template.yaml's defaults: TableWarmReadUnitsPerSecond, TableWarmWriteUnitsPerSecond, PostLanes. */
        static final int WARM_READS = 20_000;
        static final int WARM_WRITES = 40_000;
        static final int POST_LANES = 16;
        /** The assumed latency of one page on AWS, in milliseconds (README, Capacity). */
        static final int PAGE_LATENCY_MS = 60;
        /** The post function's timeout (template.yaml): PostStart plans the whole run in one invocation. */
        static final int POST_TIMEOUT_SECONDS = 900;
        /** DynamoDB's default table quota, on-demand: more needs a quota increase. */
        static final int TABLE_QUOTA = 40_000;

        static Limits defaults(int workerConcurrency) {
            return new Limits(WARM_READS, WARM_WRITES, 4_000, 1_000, 1_000, 300, 1_250, workerConcurrency, 5_000, 300,
                    POST_LANES, InvoicePosting.DEFAULT_PARALLELISM, PAGE_LATENCY_MS / 1000.0, 0.1);
        }

        /** The same with the post's lanes and the assumed page latency given. */
        Limits withPost(int lanes, double latencyMillis) {
            return new Limits(tableReadUnitsPerSecond, tableWriteUnitsPerSecond, newTableWriteUnitsPerSecond,
                    partitionWriteUnitsPerSecond, lambdaConcurrency, sqsPollerScalingPerMinute, sqsPollerMaximum,
                    workerConcurrency, transitionsPerSecond, lambdaTimeoutSeconds, lanes, pagesInFlight, latencyMillis / 1000,
                    prepareCallSeconds);
        }

        /** The same with the table's warm throughput given. */
        Limits withWarmThroughput(int reads, int writes) {
            return new Limits(reads, writes, newTableWriteUnitsPerSecond, partitionWriteUnitsPerSecond, lambdaConcurrency,
                    sqsPollerScalingPerMinute, sqsPollerMaximum, workerConcurrency, transitionsPerSecond,
                    lambdaTimeoutSeconds, postLanes, pagesInFlight, pageLatencySeconds, prepareCallSeconds);
        }
    }

    /** One line of the bill. */
    record Cost(String what, String quantity, BigDecimal dollars) {
    }

    /** One limit's time for a phase; {@code binds} when it is the phase's longest. */
    record Time(String phase, String limit, double seconds, boolean binds) {
    }

    record Projection(long accounts, boolean emails, List<Cost> costs, BigDecimal total, List<Time> times,
                      double generateSeconds, double postSeconds, List<String> notes) {

        double seconds() {
            return generateSeconds + postSeconds;
        }
    }

    private CapacityModel() {
    }

    static Projection project(BenchUnits units, long accounts, boolean emails, Limits limits, Prices prices) {
        double f = (double) accounts / Math.max(1, units.invoices());
        BenchUnits.Phase g = units.generate();
        BenchUnits.Phase p = units.post();
        List<String> notes = new ArrayList<>();

        // Post on AWS: PostStart plans the run and reserves its numbers (one invocation), then PostLanes invocations
        // post the pages, each with pagesInFlight transactions in flight at the assumed page latency. The Post
        // function's local durations (DynamoDB Local's speed, one invocation at a time) are not used.
        BenchUnits.LambdaUse postFunction = p.lambda().get("PostFunction");
        double postGb = postFunction == null ? 1.0 : postFunction.memoryMb() / 1024.0;
        Map<String, Double> postCalls = p.dynamoDbByCaller().getOrDefault("PostFunction", Map.of());
        // The bench's pages: each page item is written twice in a transaction (posted, then counted). A run that posts
        // by post group fills its pages with whole groups (DATA-MODEL.md "Post groups"), fewer than 49 drafts; units
        // files from before that count give pages of 49.
        double measuredPages = postCalls.getOrDefault("transactWrites.POST_PAGE.items", 0.0) / 2;
        double draftsPerPage = measuredPages >= 1 ? units.invoices() / measuredPages : InvoicePosting.PAGE_SIZE;
        long pages = (long) Math.ceil(accounts / draftsPerPage);
        long benchPages = measuredPages >= 1 ? Math.round(measuredPages)
                : (units.invoices() + InvoicePosting.PAGE_SIZE - 1) / InvoicePosting.PAGE_SIZE;
        // The plan's calls: its listing's Query pages (the run's post groups, or its index for a run created before
        // them), each of the run's 16 keys read on its own thread (one key's pages one after another:
        // ShardedQuery.each); its re-reads, account checks and plan writes (the batch calls but the two reads of each
        // page) InvoicePosting.PLAN_PARALLELISM at a time.
        double planQueries = postCalls.getOrDefault("calls.Query", 0.0) * f;
        double planBatches = Math.max(0, postCalls.getOrDefault("calls.BatchGetItem", 0.0) - 2.0 * benchPages
                + postCalls.getOrDefault("calls.BatchWriteItem", 0.0)) * f;
        double postStart = planQueries / Keys.RUN_SHARDS * limits.prepareCallSeconds()
                + planBatches / InvoicePosting.PLAN_PARALLELISM * limits.pageLatencySeconds();
        double lanesSeconds = (double) pages / ((long) limits.postLanes() * limits.pagesInFlight()) * limits.pageLatencySeconds();
        double postGbSeconds = (postStart + limits.postLanes() * lanesSeconds) * postGb;

        List<Cost> costs = new ArrayList<>();
        double rru = (g.readUnits() + p.readUnits()) * f;
        double wru = (g.writeUnits() + p.writeUnits()) * f;
        double requests = (g.invocations() + p.invocations()) * f;
        double gbSeconds = (g.gbSeconds() + p.gbSeconds() - (postFunction == null ? 0 : postFunction.gbSeconds())) * f
                + postGbSeconds;
        double sqs = (g.sqsRequests() + p.sqsRequests()) * f;
        double runEmails = g.sesEmails() + p.sesEmails();
        double customerEmails = emails ? accounts : 0;
        double[] amounts = {
                rru / 1e6 * prices.perMillionReadUnits(),
                wru / 1e6 * prices.perMillionWriteUnits(),
                requests / 1e6 * prices.perMillionLambdaRequests(),
                gbSeconds * prices.perLambdaGbSecond(),
                0,
                sqs / 1e6 * prices.perMillionSqsRequests(),
                (runEmails + customerEmails) / 1000 * prices.perThousandEmails()};
        costs.add(new Cost("DynamoDB reads (on-demand)", count(rru) + " RRU", cents(amounts[0])));
        costs.add(new Cost("DynamoDB writes (on-demand)", count(wru) + " WRU", cents(amounts[1])));
        costs.add(new Cost("Lambda requests (arm64)", count(requests) + " invocations", cents(amounts[2])));
        costs.add(new Cost("Lambda duration (arm64)", count(gbSeconds) + " GB-s", cents(amounts[3])));
        if (g.stateTransitions() != null && p.stateTransitions() != null) {
            double transitions = (g.stateTransitions() + p.stateTransitions()) * f;
            amounts[4] = transitions / 1000 * prices.perThousandTransitions();
            costs.add(new Cost("Step Functions Standard", count(transitions) + " state transitions", cents(amounts[4])));
        } else {
            costs.add(new Cost("Step Functions Standard", "n/a (not counted by this bench)", null));
            notes.add("state transitions were not counted: the total leaves them out");
        }
        costs.add(new Cost("SQS requests", count(sqs) + " requests", cents(amounts[5])));
        costs.add(new Cost("SES emails", count(runEmails + customerEmails) + (emails ? " (one per invoice + the run's)" : " (the run's notifications)"),
                cents(amounts[6])));
        if (emails) {
            notes.add("customer emails: SES only; the customer-email function's Lambda time and its queue's requests were not measured");
        }
        double sum = 0;
        for (double amount : amounts) {
            sum += amount;
        }

        List<Time> times = new ArrayList<>();
        // Generate: Prepare alone, then the workers, held back by whichever limit is slowest. Prepare's time locally
        // is DynamoDB Local's (its own CPU is a fraction of a second per 100,000 accounts: bench --prepare-only), so
        // on AWS it is taken as its sequential calls (Query pages, batch writes) at an assumed latency each.
        double prepareLocal = millis(g, "PrepareFunction") / Math.max(1, units.accounts()) * accounts / 1000;
        Map<String, Double> prepareCalls = g.dynamoDbByCaller().getOrDefault("PrepareFunction", Map.of());
        double calls = prepareCalls.entrySet().stream().filter(e -> e.getKey().startsWith("calls."))
                .mapToDouble(Map.Entry::getValue).sum();
        double prepare = calls * f * limits.prepareCallSeconds();
        notes.add("Prepare: %.0f sequential DynamoDB calls at an assumed %.1f s each; at this bench's local speed it would take %.0f s"
                .formatted(calls * f, limits.prepareCallSeconds(), prepareLocal));
        if (prepare > limits.lambdaTimeoutSeconds()) {
            notes.add("Prepare would take %.0f s, over its %.0f s timeout (template.yaml)".formatted(prepare, limits.lambdaTimeoutSeconds()));
        }
        long batches = (accounts + units.batchSize() - 1) / Math.max(1, units.batchSize());
        BenchUnits.LambdaUse worker = g.lambda().get("InvoiceWorkerFunction");
        double perBatch = worker == null || worker.invocations() == 0 ? 0 : worker.billedMs() / 1000.0 / worker.invocations();
        int concurrency = (int) Math.max(1, Math.min(Math.min(limits.workerConcurrency(), limits.lambdaConcurrency()),
                Math.min(limits.sqsPollerMaximum(), batches)));
        double compute = Math.max(perBatch, workerSeconds(batches * perBatch, concurrency, limits.sqsPollerScalingPerMinute() / 60));
        List<Time> generate = List.of(
                new Time("generate", "invoice workers: %d batches of %d, %.1f s each, %d at once (SQS event source adds %.0f a minute)"
                        .formatted(batches, units.batchSize(), perBatch, concurrency, limits.sqsPollerScalingPerMinute()), compute, false),
                new Time("generate", "DynamoDB table writes, %.0f WRU/s".formatted(limits.tableWriteUnitsPerSecond()),
                        g.writeUnits() * f / limits.tableWriteUnitsPerSecond(), false),
                new Time("generate", "DynamoDB table reads, %.0f RRU/s".formatted(limits.tableReadUnitsPerSecond()),
                        g.readUnits() * f / limits.tableReadUnitsPerSecond(), false),
                new Time("generate", "one partition key (%s), %.0f WRU/s".formatted(keyName(g.hottestKey()),
                        limits.partitionWriteUnitsPerSecond()), g.hottestKeyWriteUnits() * f / limits.partitionWriteUnitsPerSecond(), false),
                new Time("generate", "Step Functions transitions, %.0f/s".formatted(limits.transitionsPerSecond()),
                        g.stateTransitions() == null ? 0 : g.stateTransitions() * f / limits.transitionsPerSecond(), false));
        double generateWork = marked(generate, times);
        times.addFirst(new Time("generate", "Prepare, one invocation (before the workers), its DynamoDB calls in sequence", prepare, false));
        double generateSeconds = prepare + generateWork;
        notes.add("the table's throughput is its warm throughput (template.yaml TableWarmWriteUnitsPerSecond and"
                + " TableWarmReadUnitsPerSecond; pre-warming is charged once, not modelled); a new on-demand table without"
                + " it takes %.0f WRU/s at once: generate's writes would take %.0f s, post's %.0f s"
                .formatted(limits.newTableWriteUnitsPerSecond(), g.writeUnits() * f / limits.newTableWriteUnitsPerSecond(),
                        p.writeUnits() * f / limits.newTableWriteUnitsPerSecond()));

        List<Time> post = List.of(
                new Time("post", ("post lanes: %,d pages of %s, %d invocations at once, %d page transactions in flight in"
                        + " each, at an assumed %.0f ms a page").formatted(pages, measuredPages >= 1
                        ? "%.1f drafts (the bench's)".formatted(draftsPerPage) : Integer.toString(InvoicePosting.PAGE_SIZE),
                        limits.postLanes(),
                        limits.pagesInFlight(), limits.pageLatencySeconds() * 1000), lanesSeconds, false),
                new Time("post", "DynamoDB table writes, %.0f WRU/s".formatted(limits.tableWriteUnitsPerSecond()),
                        p.writeUnits() * f / limits.tableWriteUnitsPerSecond(), false),
                new Time("post", "DynamoDB table reads, %.0f RRU/s".formatted(limits.tableReadUnitsPerSecond()),
                        p.readUnits() * f / limits.tableReadUnitsPerSecond(), false),
                new Time("post", "one partition key (%s), %.0f WRU/s".formatted(keyName(p.hottestKey()),
                        limits.partitionWriteUnitsPerSecond()), p.hottestKeyWriteUnits() * f / limits.partitionWriteUnitsPerSecond(), false));
        int firstPostRow = times.size();
        double postSeconds = postStart + marked(post, times);
        times.add(firstPostRow, new Time("post", ("PostStart, one invocation (before the lanes): the plan's %.0f Query pages"
                + " (its post groups, or its index), %d keys at once, at an assumed %.1f s each, its %.0f batch reads and writes %d at a time at the page"
                + " latency").formatted(planQueries, Keys.RUN_SHARDS, limits.prepareCallSeconds(), planBatches,
                InvoicePosting.PLAN_PARALLELISM), postStart, false));
        notes.add(("post: the Post function's local time (%.2f ms per invoice, one invocation at a time against DynamoDB Local)"
                + " is not used; its GB-seconds are PostStart's and the lanes' modelled time, %,.0f GB-s")
                .formatted(millis(p, "PostFunction") / Math.max(1, units.invoices()), postGbSeconds));
        if (postStart > Limits.POST_TIMEOUT_SECONDS) {
            notes.add("PostStart would take %.0f s, over the post function's %d s timeout (template.yaml)"
                    .formatted(postStart, Limits.POST_TIMEOUT_SECONDS));
        }
        if (limits.tableWriteUnitsPerSecond() > Limits.TABLE_QUOTA || limits.tableReadUnitsPerSecond() > Limits.TABLE_QUOTA) {
            notes.add("a warm throughput above %,d units a second is above DynamoDB's default table quota: it needs a quota increase"
                    .formatted(Limits.TABLE_QUOTA));
        }
        return new Projection(accounts, emails, costs, cents(sum), times, generateSeconds, postSeconds, notes);
    }

    /** Adds {@code phase} to {@code all}, its longest row marked as binding; returns that row's seconds. */
    private static double marked(List<Time> phase, List<Time> all) {
        double longest = phase.stream().mapToDouble(Time::seconds).max().orElse(0);
        boolean marked = false;
        for (Time time : phase) {
            boolean binds = !marked && time.seconds() == longest;
            marked |= binds;
            all.add(new Time(time.phase(), time.limit(), time.seconds(), binds));
        }
        return longest;
    }

    /**
     * Seconds for {@code work} worker-seconds when concurrency grows by {@code rampPerSecond} from zero up to
     * {@code concurrency}: the area under the ramp, then the plateau.
     */
    static double workerSeconds(double work, int concurrency, double rampPerSecond) {
        double rampSeconds = concurrency / rampPerSecond;
        double duringRamp = concurrency * rampSeconds / 2;
        if (work <= duringRamp) {
            return Math.sqrt(2 * work / rampPerSecond);
        }
        return rampSeconds + (work - duringRamp) / concurrency;
    }

    private static double millis(BenchUnits.Phase phase, String function) {
        BenchUnits.LambdaUse use = phase.lambda().get(function);
        return use == null ? 0 : use.billedMs();
    }

    /**
     * The key's shape without the bench's ids: {@code GSI2 T#bench#RUN#<id>#INV#3} → {@code GSI2
     * T#{tenant}#RUN#{run}#INV#3}, {@code table T#bench#RUN#<id>} → {@code table T#{tenant}#RUN#{run}}.
     */
    static String keyName(String key) {
        if (key == null) {
            return "none";
        }
        return key.replaceAll("(?<=^|\\s)T#[^#\\s]+", "T#{tenant}").replaceAll("RUN#[^#\\s]+", "RUN#{run}").replaceAll("A#[^#\\s]+", "A#{account}");
    }

    static BigDecimal cents(double dollars) {
        return BigDecimal.valueOf(dollars).setScale(2, RoundingMode.HALF_UP);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** The projection as the command prints it. */
    static String render(Projection projection, BenchUnits units, String unitsSource) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "capacity: %,d accounts on AWS (us-east-1), %s customer emails%n",
                projection.accounts(), projection.emails() ? "with" : "without"));
        out.append(String.format(Locale.ROOT, "units: %s (bench of %,d accounts, %s, %s)%n", unitsSource, units.accounts(),
                units.measuredAt(), units.machine()));
        out.append(String.format(Locale.ROOT, "%n| cost | quantity | $ |%n|---|---|---:|%n"));
        for (Cost cost : projection.costs()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", cost.what(), cost.quantity(),
                    cost.dollars() == null ? "n/a" : cost.dollars().toPlainString()));
        }
        out.append(String.format(Locale.ROOT, "| **total** | | **%s** |%n", projection.total().toPlainString()));
        out.append(String.format(Locale.ROOT, "%n| phase | limit | s | |%n|---|---|---:|---|%n"));
        for (Time time : projection.times()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |%n", time.phase(), time.limit(), time.seconds(),
                    time.binds() ? "binds" : ""));
        }
        out.append(String.format(Locale.ROOT, "| **generate + post** | | **%.0f** (%.1f min) | |%n", projection.seconds(), projection.seconds() / 60));
        for (String note : projection.notes()) {
            out.append("note: ").append(note).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The figures per invoice the model multiplies, as the README's units table shows them. */
    static Map<String, Double> perInvoice(BenchUnits.Phase phase, long invoices) {
        double n = Math.max(1, invoices);
        return Map.of("rru", phase.readUnits() / n, "wru", phase.writeUnits() / n, "invocations", phase.invocations() / n,
                "gbSeconds", phase.gbSeconds() / n, "sqs", phase.sqsRequests() / n);
    }
}
