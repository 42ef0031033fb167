package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.StatesError;
import java.util.List;

/** How an ErrorEquals list matches an error name (AWS, Handling errors in Step Functions workflows). */
public final class ErrorMatcher {
    private ErrorMatcher() {
    }

    /**
     * States.ALL matches any error but the terminal ones; States.TaskFailed "matches any known error except
     * States.Timeout" and only for errors a task raised; other names match exactly. Terminal errors
     * (States.Runtime, States.DataLimitExceeded) are never retried nor caught.
     */
    public static boolean matches(List<String> errorEquals, StatesError error, boolean raisedByTask) {
        if (error.isTerminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(StatesError.ALL) || name.equals(error.error())) {
                return true;
            }
            if (name.equals(StatesError.TASK_FAILED) && raisedByTask && !error.error().equals(StatesError.TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
