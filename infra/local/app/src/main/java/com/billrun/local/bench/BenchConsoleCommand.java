package com.billrun.local.bench;

import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;

/** {@code ./billrun bench-console [--invoices N] [--loads N] [--ui-pages N]}: see {@link ConsoleBench}. */
public final class BenchConsoleCommand implements CliCommand {

    static final int DEFAULT_INVOICES = 100_000;
    static final int DEFAULT_LOADS = 10;
    static final int DEFAULT_UI_PAGES = 20;

    @Override
    public String name() {
        return "bench-console";
    }

    @Override
    public int run(CliOptions options) throws Exception {
        return ConsoleBench.run(options.intValue("invoices", DEFAULT_INVOICES), options.intValue("loads", DEFAULT_LOADS),
                options.intValue("ui-pages", DEFAULT_UI_PAGES));
    }
}
