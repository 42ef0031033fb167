package com.billrun.local.bench;

import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;
import com.billrun.local.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./billrun capacity [--accounts N] [--emails] [--concurrency N] [--post-lanes N] [--page-latency-ms N]
 * [--warm-writes N] [--warm-reads N] [--units FILE]}: {@link CapacityModel}
 * over the last bench's units ({@code infra/local/app/target/bench-units.json}), or the reference copy measured
 * on the build machine ({@code docs/bench-units.json}) when no bench ran here.
 */
public final class CapacityCommand implements CliCommand {

    static final int DEFAULT_ACCOUNTS = 1_000_000;
    static final int DEFAULT_CONCURRENCY = 1_000;
    static final String REFERENCE = "docs/bench-units.json";

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public int run(CliOptions options) {
        Path root = ProjectRoot.find().orElse(Path.of("."));
        Path file;
        if (options.value("units").isPresent()) {
            file = Path.of(options.value("units").get());
        } else {
            file = BillRunBench.unitsFile();
            if (!Files.exists(file)) {
                file = root.resolve(REFERENCE);
            }
        }
        if (!Files.exists(file)) {
            System.err.println("billrun capacity: no units file at " + file + " (run ./billrun bench first)");
            return 1;
        }
        BenchUnits units = BenchUnits.read(file);
        var limits = CapacityModel.Limits.defaults(options.intValue("concurrency", DEFAULT_CONCURRENCY))
                .withPost(options.intValue("post-lanes", CapacityModel.Limits.POST_LANES),
                        options.intValue("page-latency-ms", CapacityModel.Limits.PAGE_LATENCY_MS))
                .withWarmThroughput(options.intValue("warm-reads", CapacityModel.Limits.WARM_READS),
                        options.intValue("warm-writes", CapacityModel.Limits.WARM_WRITES));
        var projection = CapacityModel.project(units, options.intValue("accounts", DEFAULT_ACCOUNTS), options.flag("emails"),
                limits, CapacityModel.Prices.US_EAST_1);
        System.out.print(CapacityModel.render(projection, units, root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()));
        return 0;
    }
}
