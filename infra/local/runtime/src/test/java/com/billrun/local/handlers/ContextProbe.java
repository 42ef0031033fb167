package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Reports what its Context says before and after doing {@code workMillis} of work; {@code fail} makes it throw. */
public final class ContextProbe implements RequestHandler<ContextProbe.Probe, ContextProbe.Report> {

    public record Probe(long workMillis, String fail) {
    }

    public record Report(String functionName, String requestId, int memoryMb, int remainingBefore, int remainingAfter,
                         String tableName, String invokedArn) {
    }

    public static final class BillRunRejected extends RuntimeException {
        public BillRunRejected(String message) {
            super(message);
        }
    }

    private final String tableName;

    public ContextProbe(Map<String, String> env) {
        this.tableName = env.get("TABLE_NAME");
    }

    @Override
    public Report handleRequest(Probe probe, Context context) {
        if (probe.fail() != null) {
            throw new BillRunRejected(probe.fail());
        }
        int before = context.getRemainingTimeInMillis();
        try {
            Thread.sleep(probe.workMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.getLogger().log("worked " + probe.workMillis() + " ms");
        return new Report(context.getFunctionName(), context.getAwsRequestId(), context.getMemoryLimitInMB(), before,
                context.getRemainingTimeInMillis(), tableName, context.getInvokedFunctionArn());
    }
}
