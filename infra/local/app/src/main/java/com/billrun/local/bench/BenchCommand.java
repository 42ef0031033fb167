package com.billrun.local.bench;

import com.billrun.local.CliCommand;

/** {@code ./billrun bench [--accounts N]} (10,000 by default): see {@link BillRunBench}. */
public final class BenchCommand implements CliCommand {

    static final int DEFAULT_ACCOUNTS = 10_000;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int run(String[] args) throws InterruptedException {
        return BillRunBench.run(accounts(args));
    }

    static int accounts(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--accounts=") ? args[i].substring("--accounts=".length())
                    : args[i].equals("--accounts") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                return Integer.parseInt(value.replace("_", "").replace(",", ""));
            }
        }
        return DEFAULT_ACCOUNTS;
    }
}
