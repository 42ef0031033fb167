package com.billrun.local.demo;

import com.billrun.local.CliOptions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ServeExtension;
import com.billrun.store.BillrunStore;
import java.util.List;

/**
 * {@code ./billrun serve --seed}: the demo tenant {@value #TENANT} ({@link SampleTenant}: {@value #ACCOUNTS}
 * accounts in USD, EUR, JPY and KWD, usage in November) loaded before the API opens, so that a bill run for
 * {@code 2026-12-01} bills real accounts. A tenant already there (serve {@code --data DIR} started before) is left
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
        if (store.accounts().find(TENANT, SampleTenant.accountId(1)).isPresent()) {
            System.out.println("seed: tenant '" + TENANT + "' is already there; left as it is");
        } else {
            new SampleTenant(store, TENANT).seed(ACCOUNTS, false);
            System.out.printf("seed: tenant '%s' with %d accounts (A-00001..A-%05d) in USD, EUR, JPY and KWD;"
                    + " bill them with POST /bill-runs {\"targetDate\":\"%s\"}%n", TENANT, ACCOUNTS, ACCOUNTS, SampleTenant.TARGET_DATE);
        }
        return () -> { };
    }
}
