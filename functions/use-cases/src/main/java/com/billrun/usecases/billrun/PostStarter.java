package com.billrun.usecases.billrun;

/**
 * Starts the post-run state machine for a run. The execution is named {@code {runId}-post-{attempt}}: a run whose
 * post failed may be posted again, and each attempt's name is still deterministic, so a repeated start of the
 * same attempt is refused by Step Functions.
 */
@FunctionalInterface
public interface PostStarter {

    void startPost(String tenantId, String billRunId, int attempt);
}
