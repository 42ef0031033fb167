package com.billrun.functions.start;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.adapters.stepfunctions.BillRunExecutions;
import com.billrun.aws.AwsClients;
import com.billrun.aws.Background;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.CreateBillRun;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bill-run schedule fired ({@link ScheduleFiring}): creates the run with the schedule's owner as initiator and
 * starts the state machine → {@code {billRunId, number, status}}. A schedule delivered twice for the same time
 * gives the same run, started once.
 */
public final class StartBillRunHandler extends TaskHandler {

    /** A firing as it arrives, to build the reader's deserializers before the first event needs them. */
    private static final Map<String, Object> SAMPLE_FIRING = Map.of("tenantId", "t", "scheduleId", "s",
            "ownerEmail", "o@example.com", "scheduledTime", "2024-01-01T00:00:00Z", "timeZone", "UTC",
            "runTemplate", Map.of("billCycleDay", 1, "autoPost", true, "chargeTypesToExclude", List.of()));

    /**
     * Built in the background: Jackson's databind and java.time module and the firing's deserializers are a few
     * hundred ms of one-time class loading, which then overlaps with the AWS clients' build.
     */
    private final CompletableFuture<ObjectMapper> json = Background.supply("json-warm-up", () -> {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.convertValue(SAMPLE_FIRING, ScheduleFiring.class);
        return mapper;
    });
    private final CreateBillRun createBillRun;

    public StartBillRunHandler() {
        this(System.getenv());
    }

    public StartBillRunHandler(Map<String, String> env) {
        this.createBillRun = new CreateBillRun(BillrunStore.fromEnv(env).billRuns(),
                new BillRunExecutions(AwsClients.sfn(env), env.get("BILL_RUN_STATE_MACHINE_ARN")), Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        ScheduleFiring firing = json.join().convertValue(payload, ScheduleFiring.class);
        var run = createBillRun.createScheduled(firing.tenantId(), firing.scheduleId(), firing.scheduledTime(),
                firing.options(), firing.ownerEmail());
        Log.run(firing.tenantId(), run.id());
        Log.info("start", "schedule %s fired: bill run %s is %s".formatted(firing.scheduleId(), run.number(), run.status()),
                "scheduleId", firing.scheduleId(), "number", run.number(), "status", run.status());
        return Map.of("billRunId", run.id(), "number", run.number(), "status", run.status().name());
    }
}
