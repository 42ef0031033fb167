package com.billrun.functions.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.adapters.ses.SesMailer;
import com.billrun.adapters.stepfunctions.StepFunctionsExecutionControl;
import com.billrun.aws.AwsClients;
import com.billrun.functions.TaskHandler;
import com.billrun.store.BillrunStore;
import com.billrun.store.NotificationLog;
import com.billrun.usecases.billrun.ExecutionControl.Machine;
import com.billrun.usecases.billrun.MailDelivery;
import com.billrun.usecases.billrun.NotifyInitiator;
import com.billrun.usecases.billrun.ReconcileBillRun.ExecutionEnded;
import com.billrun.usecases.billrun.ReconcileBillRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The EventBridge rule {@code ExecutionEndedRule}'s target (template.yaml): a Step Functions "Execution Status
 * Change" event of either state machine, status FAILED, TIMED_OUT or ABORTED → {@link ReconcileBillRun}. The run
 * comes from the execution's input ({@code {tenantId, billRunId}}); an event of another machine, or whose input has
 * no run, is answered {@code IGNORED}. The answer is the outcome, for the logs (EventBridge ignores it).
 */
public final class ReconcileHandler extends TaskHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(ReconcileHandler.class.getName());

    private final StepFunctionsExecutionControl executions;
    private final ReconcileBillRun reconcile;

    public ReconcileHandler() {
        this(System.getenv());
    }

    public ReconcileHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        this.executions = new StepFunctionsExecutionControl(AwsClients.sfn(env), env.get("BILL_RUN_STATE_MACHINE_ARN"),
                env.get("POST_RUN_STATE_MACHINE_ARN"));
        NotifyInitiator notify = new NotifyInitiator(store.billRuns(), store.runAccounts(),
                new MailDelivery(new NotificationLog(store.table(), Clock.systemUTC()),
                        new SesMailer(AwsClients.sesV2(env), env.get("SENDER_EMAIL")), 3, Duration.ofMillis(500)),
                env.get("PORTAL_URL"));
        this.reconcile = new ReconcileBillRun(store.billRuns(), executions, notify);
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        JsonNode detail = JSON.valueToTree(event == null ? Map.of() : event).path("detail");
        Machine machine = executions.machineOf(detail.path("stateMachineArn").asText(null));
        JsonNode input = input(detail.path("input").asText("{}"));
        String tenantId = input.path("tenantId").asText(null);
        String billRunId = input.path("billRunId").asText(null);
        if (machine == null || tenantId == null || billRunId == null) {
            LOG.log(System.Logger.Level.WARNING, "not an execution of a bill run: {0}", detail);
            return Map.of("outcome", "IGNORED");
        }
        var ended = new ExecutionEnded(machine, detail.path("name").asText(), detail.path("status").asText(),
                text(detail, "error"), text(detail, "cause"));
        var outcome = reconcile.reconcile(tenantId, billRunId, ended);
        LOG.log(System.Logger.Level.INFO, "bill run {0} of {1}: {2} -> {3}", billRunId, tenantId, ended.describe(), outcome);
        return Map.of("outcome", outcome.name(), "billRunId", billRunId);
    }

    private static JsonNode input(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException | RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode detail, String field) {
        JsonNode value = detail.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
