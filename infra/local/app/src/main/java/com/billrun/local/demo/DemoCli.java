package com.billrun.local.demo;

import java.util.Arrays;

/**
 * {@code ./billrun demo} and {@code ./billrun bench --accounts N}: the commands that need the real functions, so
 * they live in the app module (the runtime itself loads functions by class name and depends on none).
 */
public final class DemoCli {

    private DemoCli() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
        int status = switch (command) {
            case "demo" -> BillRunDemo.run(System.out);
            case "bench" -> BillRunBench.run(accounts(Arrays.copyOfRange(args, 1, args.length)));
            default -> {
                System.err.println("usage: billrun demo | bench --accounts N");
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int accounts(String[] options) {
        for (int i = 0; i < options.length; i++) {
            if (options[i].equals("--accounts") && i + 1 < options.length) {
                return Integer.parseInt(options[i + 1].replace("_", "").replace(",", ""));
            }
            if (options[i].startsWith("--accounts=")) {
                return Integer.parseInt(options[i].substring("--accounts=".length()).replace("_", ""));
            }
        }
        return 10_000;
    }
}
