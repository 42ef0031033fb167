package com.billrun.local.demo;

import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;

/** {@code ./billrun demo}: see {@link BillRunDemo}. */
public final class DemoCommand implements CliCommand {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public int run(CliOptions options) throws InterruptedException {
        return BillRunDemo.run(System.out);
    }
}
