package com.billrun.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test: p50/p99 of a warm {@code GET /bill-runs/{id}} over HTTP on the local runtime (JWT
 * check, payload 2.0 event, the real ApiHandler, one DynamoDB Local GetItem), 1,000 calls after 200 warm-up
 * calls, one at a time. Off by default; run it with
 * {@code mvn -B -ntp -q -pl functions/lambdas test -Dtest=ApiLatencyBench -Dbillrun.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "billrun.bench", matches = "true")
class ApiLatencyBench {

    private static final int WARM_UP = 200;
    private static final int CALLS = 1_000;

    @Test
    void getBillRunLatency() {
        String tenant = ApiFixture.tenant("bench");
        String token = ApiFixture.allScopes(tenant);
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "145.16");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        String path = "/bill-runs/" + runId;
        for (int i = 0; i < WARM_UP; i++) {
            assertEquals(200, ApiFixture.call("GET", path, token, null).status());
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long started = System.nanoTime();
            var answer = ApiFixture.call("GET", path, token, null);
            nanos[i] = System.nanoTime() - started;
            assertEquals(200, answer.status());
        }
        Arrays.sort(nanos);
        System.out.printf("GET /bill-runs/{id} over %d warm calls: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d cores)%n",
                CALLS, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[CALLS - 1] / 1e6, Runtime.getRuntime().availableProcessors());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }
}
