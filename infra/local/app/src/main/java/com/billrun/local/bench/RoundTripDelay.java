package com.billrun.local.bench;

import com.billrun.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code BILLRUN_BENCH_LATENCY_MS=N ./billrun bench}: every DynamoDB request of the run's functions waits N ms before
 * it is sent, the network round trip a Lambda pays to DynamoDB and DynamoDB Local, in the same JVM, does not. With
 * it the bench shows what waits on round trips one after another (a post one page at a time) and what overlaps them
 * (pages in flight, lanes), which DynamoDB Local's one SQLite thread otherwise hides. It wraps the meter when the
 * bench meters (the meter's own calls are not delayed: it makes them outside the request).
 */
final class RoundTripDelay implements AwsClients.ClientMeter {

    private final Duration delay;
    private final AwsClients.ClientMeter inner;

    /** @param inner the meter to wrap, or null when the bench does not meter */
    RoundTripDelay(Duration delay, AwsClients.ClientMeter inner) {
        this.delay = delay;
        this.inner = inner;
    }

    /** The delay {@code BILLRUN_BENCH_LATENCY_MS} asks for; zero when it is absent or not a whole number ≥ 0. */
    static Duration fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault("BILLRUN_BENCH_LATENCY_MS", "");
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException absent) {
            return Duration.ZERO;
        }
    }

    @Override
    public ExecutionInterceptor interceptorFor(String service, Map<String, String> env) {
        ExecutionInterceptor measuring = inner == null ? null : inner.interceptorFor(service, env);
        boolean delayed = service.equals("dynamodb") && env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
        return new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                return measuring == null ? context.request() : measuring.modifyRequest(context, attributes);
            }

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (delayed) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (measuring != null) {
                    measuring.beforeTransmission(context, attributes);
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (measuring != null) {
                    measuring.afterExecution(context, attributes);
                }
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                if (measuring != null) {
                    measuring.onExecutionFailure(context, attributes);
                }
            }
        };
    }
}
