package com.billrun.local.demo;

import com.billrun.local.CliOptions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ServeExtension;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillrunStore;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./billrun serve --seed}: the demo tenant {@value #TENANT} ({@link SampleTenant}: {@value #ACCOUNTS}
 * accounts A-0001... in USD, EUR, JPY and KWD, usage in November) loaded before the API opens, so that a bill run
 * for {@code 2026-12-01} bills real accounts, and the PENDING run that the sample events in events/ name, so that
 * {@code sam local invoke} with them (events/env.json) finds what they name. A tenant already there (serve {@code --data DIR} started before) is left
 * as it is: seeding again would move its charged-through dates back.
 */
public final class DemoTenantSeed implements ServeExtension {

    static final String TENANT = "acme";
    static final int ACCOUNTS = 50;
    private static final String FUNCTION = "ApiFunction";

    @Override
    public List<String> options() {
        return List.of("seed");
    }

    @Override
    public AutoCloseable start(LocalRuntime runtime, CliOptions options) {
        if (!options.flag("seed")) {
            return () -> { };
        }
        BillrunStore store = BillrunStore.fromEnv(runtime.runner().spec(FUNCTION).env());
        if (store.accounts().find(TENANT, "A-0001").isPresent()) {
            System.out.println("seed: tenant '" + TENANT + "' is already there; left as it is");
            return () -> { };
        }
        new SampleTenant(store, TENANT).withIdFormat("A-%04d").seed(ACCOUNTS, false);
        // The run events/ names, PENDING: its samples, run with sam local invoke in a bill run's order (prepare,
        // invoice, complete, post, notify, customeremail), take it through its life.
        store.billRuns().create(BillRun.pending(TENANT, SampleTenant.SAMPLE_RUN_ID,
                BillRunOptions.allAccounts(SampleTenant.TARGET_DATE), "ana@acme.example", Instant.now()));
        System.out.printf("seed: tenant '%s' with %d accounts (A-0001..A-%04d) in USD, EUR, JPY and KWD, and the PENDING run"
                + " %s that events/ names; bill them with POST /bill-runs {\"targetDate\":\"%s\"}%n",
                TENANT, ACCOUNTS, ACCOUNTS, SampleTenant.SAMPLE_RUN_ID, SampleTenant.TARGET_DATE);
        return () -> { };
    }
}
