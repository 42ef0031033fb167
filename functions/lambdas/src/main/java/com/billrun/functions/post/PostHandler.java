package com.billrun.functions.post;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.adapters.sqs.SqsCustomerEmailQueue;
import com.billrun.aws.AwsClients;
import com.billrun.functions.RunTask;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.functions.logs.Metrics;
import com.billrun.store.BillrunStore;
import com.billrun.store.InvoicePosting;
import com.billrun.usecases.billrun.PostBillRun;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The post task of both state machines: {@code {tenantId, billRunId}} → {@code {done, invoicesPosted}}. It posts
 * pages, {@link InvoicePosting#DEFAULT_PARALLELISM} at once (the first call reserves the run's numbers first),
 * until its remaining time runs low, then answers {@code done: false} and the state machine calls it again.
 * Each page is logged as it commits (event {@code post.page}, from PostBillRun), the call's total at the end.
 */
public final class PostHandler extends TaskHandler {

    /**
     * A page is two reads and a transaction, well under a second, and no page starts after this; it leaves room for
     * the pages in flight, a slow one among them, and the count of the run's progress.
     */
    static final Duration TIME_RESERVE = Duration.ofSeconds(30);

    private final PostBillRun postBillRun;

    public PostHandler() {
        this(System.getenv());
    }

    public PostHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        Clock clock = Clock.systemUTC();
        this.postBillRun = new PostBillRun(store.billRuns(), new InvoicePosting(store.table(), clock),
                new SqsCustomerEmailQueue(AwsClients.sqs(env), env.get("CUSTOMER_EMAIL_QUEUE_URL")), clock);
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        RunTask task = RunTask.of(payload);
        var progress = postBillRun.post(task.tenantId(), task.billRunId(),
                () -> context.getRemainingTimeInMillis() > TIME_RESERVE.toMillis());
        Log.info("post", progress.done() ? "bill run posted (%d in this call)".formatted(progress.invoicesPosted())
                        : "%d invoices posted, more pages left for the next call".formatted(progress.invoicesPosted()),
                "done", progress.done(), "invoicesPosted", progress.invoicesPosted());
        Metrics.emit(Metrics.count("InvoicesPosted", progress.invoicesPosted()));
        return Map.of("done", progress.done(), "invoicesPosted", progress.invoicesPosted());
    }
}
