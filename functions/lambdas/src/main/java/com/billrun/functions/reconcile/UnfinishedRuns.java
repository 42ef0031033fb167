package com.billrun.functions.reconcile;

import com.billrun.adapters.stepfunctions.StepFunctionsExecutionControl;
import com.billrun.aws.AwsClients;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.ResumeBillRun;
import com.billrun.usecases.billrun.ResumeUnfinishedRuns;
import java.time.Clock;
import java.util.Map;

/**
 * Builds {@link ResumeUnfinishedRuns} from a function's environment (the ReconcileFunction's: the table and both
 * state machines), for the local runtime's restart: {@code ./billrun serve --data DIR} and the restart tests call
 * it once the template's functions and state machines are up again.
 */
public final class UnfinishedRuns {

    private UnfinishedRuns() {
    }

    public static ResumeUnfinishedRuns fromEnv(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        var executions = new StepFunctionsExecutionControl(AwsClients.sfn(env), env.get("BILL_RUN_STATE_MACHINE_ARN"),
                env.get("POST_RUN_STATE_MACHINE_ARN"));
        return new ResumeUnfinishedRuns(store.billRuns(), new ResumeBillRun(store.billRuns(), executions, Clock.systemUTC()));
    }
}
