package com.billrun.functions.start;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.billrun.aws.AwsClients;
import com.billrun.billrun.CreateBillRun;
import com.billrun.functions.stepfunctions.BillRunExecutions;
import com.billrun.store.BillrunStore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.Map;

/**
 * A bill-run schedule fired ({@link ScheduleFiring}): creates the run with the schedule's owner as initiator and
 * starts the state machine → {@code {billRunId, number, status}}. A schedule delivered twice for the same time
 * gives the same run, started once.
 */
public final class StartBillRunHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final CreateBillRun createBillRun;

    public StartBillRunHandler() {
        this(System.getenv());
    }

    public StartBillRunHandler(Map<String, String> env) {
        this.createBillRun = new CreateBillRun(BillrunStore.fromEnv(env).billRuns(),
                new BillRunExecutions(AwsClients.sfn(env), env.get("BILL_RUN_STATE_MACHINE_ARN")), Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> payload, Context context) {
        ScheduleFiring firing = JSON.convertValue(payload, ScheduleFiring.class);
        var run = createBillRun.createScheduled(firing.tenantId(), firing.scheduleId(), firing.scheduledTime(),
                firing.options(), firing.ownerEmail());
        return Map.of("billRunId", run.id(), "number", run.number(), "status", run.status().name());
    }
}
