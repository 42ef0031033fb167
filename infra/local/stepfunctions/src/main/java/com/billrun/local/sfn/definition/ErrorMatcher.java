package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.StatesError;
import java.util.List;

/** How an ErrorEquals list matches an error name (AWS, Handling errors in Step Functions workflows). */
public final class ErrorMatcher {
    private ErrorMatcher() {
    }

    /**
     * States.ALL matches any error but the terminal ones; States.TaskFailed "acts as a wildcard that matches any
     * known error except for States.Timeout" ("Handling errors in Step Functions workflows", Error names,
     * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html), in the Retry and Catch of a
     * Task as of a Map or Parallel whose branch failed; other names match exactly. Terminal errors (States.Runtime,
     * States.DataLimitExceeded) are never retried nor caught.
     */
    public static boolean matches(List<String> errorEquals, StatesError error) {
        if (error.isTerminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(StatesError.ALL) || name.equals(error.error())) {
                return true;
            }
            if (name.equals(StatesError.TASK_FAILED) && !error.error().equals(StatesError.TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
