package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.LambdaInvoker;
import com.billrun.local.sfn.TimeScale;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What running states need from outside: the Lambda port, SQS, the task tokens, the clock and time scale, the
 * engine's count of state transitions and the port that starts a Distributed Map's child executions.
 */
public record EngineServices(LambdaInvoker lambda, Supplier<SqsClient> sqs, TaskTokens tokens, TimeScale timeScale,
                             Clock clock, String region, int inlineMapConcurrencyLimit, LongAdder stateTransitions,
                             ChildExecutions children) {
}
