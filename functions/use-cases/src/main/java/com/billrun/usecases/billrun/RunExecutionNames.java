package com.billrun.usecases.billrun;

import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.BillRun;
import com.billrun.usecases.billrun.ExecutionControl.Execution;
import com.billrun.usecases.billrun.ExecutionControl.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of a run's executions, all deterministic so that Step Functions itself refuses a second start of the
 * same one: {@code {runId}} (created or scheduled), {@code {runId}-post-{n}} (the n-th POSTED entry of the audit
 * trail) and {@code {runId}-resume-{n}} (the n-th RESUMED entry; on the bill-run machine for a generating run, on
 * the post-run machine for a posting one).
 */
public final class RunExecutionNames {

    private RunExecutionNames() {
    }

    public static Execution generate(String runId) {
        return new Execution(Machine.BILL_RUN, runId);
    }

    public static Execution post(String runId, int attempt) {
        return new Execution(Machine.POST_RUN, runId + "-post-" + attempt);
    }

    public static String resume(String runId, int attempt) {
        return runId + "-resume-" + attempt;
    }

    /** How many times the run was resumed so far. */
    public static int resumes(BillRun run) {
        return count(run, AuditAction.RESUMED);
    }

    /**
     * Every execution the run may have had. A resume's machine is not recorded, so both are named (asking about an
     * execution that never existed answers "not running").
     */
    public static List<Execution> all(BillRun run) {
        List<Execution> all = new ArrayList<>();
        all.add(generate(run.id()));
        for (int attempt = 1; attempt <= count(run, AuditAction.POSTED); attempt++) {
            all.add(post(run.id(), attempt));
        }
        for (int attempt = 1; attempt <= resumes(run); attempt++) {
            all.add(new Execution(Machine.BILL_RUN, resume(run.id(), attempt)));
            all.add(new Execution(Machine.POST_RUN, resume(run.id(), attempt)));
        }
        return all;
    }

    private static int count(BillRun run, AuditAction action) {
        return (int) run.auditTrail().stream().filter(entry -> entry.action() == action).count();
    }
}
