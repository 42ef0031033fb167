package com.billrun.local.bench;

import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;

/** {@code ./billrun bench [--accounts N]} (10,000 by default): see {@link BillRunBench}. */
public final class BenchCommand implements CliCommand {

    static final int DEFAULT_ACCOUNTS = 10_000;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int run(CliOptions options) throws InterruptedException {
        return BillRunBench.run(options.intValue("accounts", DEFAULT_ACCOUNTS));
    }
}
