package com.billrun.local.bench;

import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;

/** {@code ./billrun bench [--accounts N] [--prepare-only]} (10,000 by default): see {@link BillRunBench}, {@link PrepareProbe}. */
public final class BenchCommand implements CliCommand {

    static final int DEFAULT_ACCOUNTS = 10_000;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int run(CliOptions options) throws InterruptedException {
        int accounts = options.intValue("accounts", DEFAULT_ACCOUNTS);
        return options.flag("prepare-only") ? PrepareProbe.run(accounts) : BillRunBench.run(accounts);
    }
}
