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
import java.util.function.BooleanSupplier;

/**
 * The post tasks of both state machines (docs/ARCHITECTURE.md Post), each answering {@code {done, invoicesPosted}}:
 * <ul>
 * <li>{@code {tenantId, billRunId, reserve: true}} (PostStart): starts the post and reserves the run's numbers,
 * posting nothing; {@code done} when the run had nothing to post;</li>
 * <li>{@code {tenantId, billRunId, lane: i, lanes: P}} (PostLane, one per iteration of the PostLanes Map): posts
 * the pages of lane {@code i} (1 to P), {@link InvoicePosting#DEFAULT_PARALLELISM} at once; {@code done} when the
 * lane has none left;</li>
 * <li>{@code {tenantId, billRunId}} (PostPage): posts whatever is left, then plans and posts the drafts no block
 * has; {@code done} when the run is POSTED.</li>
 * </ul>
 * A lane or PostPage call posts until its remaining time runs low, then answers {@code done: false} and the state
 * machine calls it again. Each page is logged as it commits (event {@code post.page}, from PostBillRun), the call's
 * total at the end.
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
        BooleanSupplier time = () -> context.getRemainingTimeInMillis() > TIME_RESERVE.toMillis();
        PostBillRun.Progress progress;
        if (Boolean.parseBoolean(String.valueOf(payload.get("reserve")))) {
            progress = postBillRun.reserve(task.tenantId(), task.billRunId());
            Log.info("post.reserve", progress.done() ? "bill run posted: nothing to post" : "invoice numbers reserved, the lanes post the pages",
                    "done", progress.done());
        } else if (payload.get("lane") != null) {
            int lane = integer(payload, "lane");
            int lanes = integer(payload, "lanes");
            if (lanes < 1 || lane < 1 || lane > lanes) {
                throw new IllegalArgumentException("the task payload's lane must be 1 to lanes: lane %d of %d".formatted(lane, lanes));
            }
            progress = postBillRun.postLane(task.tenantId(), task.billRunId(), lane, lanes, time);
            Log.info("post.lane", progress.done() ? "lane %d of %d posted (%d in this call)".formatted(lane, lanes, progress.invoicesPosted())
                            : "lane %d of %d: %d invoices posted, more pages left for the next call".formatted(lane, lanes, progress.invoicesPosted()),
                    "lane", lane, "lanes", lanes, "done", progress.done(), "invoicesPosted", progress.invoicesPosted());
        } else {
            progress = postBillRun.post(task.tenantId(), task.billRunId(), time);
            Log.info("post", progress.done() ? "bill run posted (%d in this call)".formatted(progress.invoicesPosted())
                            : "%d invoices posted, more pages left for the next call".formatted(progress.invoicesPosted()),
                    "done", progress.done(), "invoicesPosted", progress.invoicesPosted());
        }
        Metrics.emit(Metrics.count("InvoicesPosted", progress.invoicesPosted()));
        return Map.of("done", progress.done(), "invoicesPosted", progress.invoicesPosted());
    }

    /** A whole number of the payload (Step Functions passes JSON numbers; a string of digits is taken too). */
    private static int integer(Map<String, Object> payload, String name) {
        String value = RunTask.required(payload, name);
        try {
            return payload.get(name) instanceof Number number ? Math.toIntExact(number.longValue()) : Integer.parseInt(value.trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("the task payload's " + name + " is not a whole number: " + value);
        }
    }
}
