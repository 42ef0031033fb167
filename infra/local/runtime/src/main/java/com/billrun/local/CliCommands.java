package com.billrun.local;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commands {@code ./billrun} runs on the JVM and their options: the one table to add a command or an option
 * to. {@link CliOptions} parses against it (unknown options, missing or bad values are refused before anything
 * starts) and {@code --help} is printed from it. The launcher's own help (pure bash, so that it works without a
 * JDK) lists the same commands and options; {@code BillrunScriptTest} in infra/local/app checks they agree.
 */
public final class CliCommands {

    /** Says what is wrong with an option's value, or nothing when it is fine. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem(String value);
    }

    /** One {@code --name [VALUE]} of a command; {@code value} is null for a flag. */
    public record Option(String name, String value, boolean required, String help, Check check) {

        static Option flag(String name, String help) {
            return new Option(name, null, false, help, v -> Optional.empty());
        }

        static Option value(String name, String value, String help, Check check) {
            return new Option(name, value, false, help, check);
        }

        static Option required(String name, String value, String help, Check check) {
            return new Option(name, value, true, help, check);
        }

        public boolean isFlag() {
            return value == null;
        }

        /** {@code --port N}, {@code --seed}. */
        public String usage() {
            return "--" + name + (isFlag() ? "" : " " + value);
        }
    }

    /** A command: its name, what it does in one line, its options. */
    public record Command(String name, String summary, List<Option> options) {

        public Optional<Option> option(String name) {
            return options.stream().filter(option -> option.name().equals(name)).findFirst();
        }

        /** {@code serve [--port N] [--data DIR] [--seed] [--log text|json]}. */
        public String usage() {
            StringBuilder usage = new StringBuilder(name);
            for (Option option : options) {
                usage.append(' ').append(option.required() ? option.usage() : "[" + option.usage() + "]");
            }
            return usage.toString();
        }

        /** What {@code ./billrun NAME --help} prints. */
        public String help() {
            StringBuilder help = new StringBuilder("usage: ./billrun ").append(usage()).append("\n").append(summary).append("\n");
            int width = Math.max("--help".length(), options.stream().mapToInt(option -> option.usage().length()).max().orElse(0));
            for (Option option : options) {
                help.append("  ").append(String.format("%-" + width + "s", option.usage())).append("  ")
                        .append(option.help()).append(option.required() ? " (required)" : "").append("\n");
            }
            return help.append("  ").append(String.format("%-" + width + "s", "--help")).append("  this help\n").toString();
        }
    }

    public static final Set<String> SCOPES = Set.of("billing/read", "billing/write", "billing/post");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public static final List<Command> ALL = List.of(
            new Command("demo", "A whole bill run on the embedded local stack: seeded data, summary printed, emails shown.", List.of()),
            new Command("serve", "The HTTP API on 127.0.0.1 with the whole local stack behind it, until Ctrl-C;"
                    + " the spec at /openapi.yaml and its docs page at /docs (no token needed).", List.of(
                    Option.value("port", "N", "the API's port, 0..65535 (default: a free one, printed)", CliCommands::port),
                    Option.value("data", "DIR", "keep DynamoDB's tables in DIR across restarts (default: in memory)", CliCommands::nonEmpty),
                    Option.flag("seed", "load the demo tenant 'acme' (50 accounts, and the run events/ names) before the API opens"),
                    Option.value("log", "text|json", "how the functions' log lines are printed: readable (default) or as JSON lines, as CloudWatch receives them",
                            CliCommands::logFormat))),
            new Command("token", "A dev JWT that ./billrun serve accepts, alone on the last line.", List.of(
                    Option.required("tenant", "T", "the tenant claim, e.g. acme", CliCommands::tenant),
                    Option.required("email", "E", "the caller's email claim, e.g. ana@acme.example", CliCommands::email),
                    Option.value("scopes", "a,b", "comma-separated, of billing/read, billing/write, billing/post (default: all three)",
                            CliCommands::scopes))),
            new Command("bench", "Generate and post N accounts on the local runtime; one line of figures, then what each phase"
                    + " consumed per invoice (written to infra/local/app/target/bench-units.json for ./billrun capacity).", List.of(
                    Option.value("accounts", "N", "accounts to seed and bill, at least 1 (default 10,000)", CliCommands::positive),
                    Option.flag("prepare-only", "only Prepare (select and batch the accounts): its time, reads and heap"))),
            new Command("capacity", "What a run of N accounts would cost on AWS and how long it would take, from the units the"
                    + " last bench measured (docs/bench-units.json when no bench ran here).", List.of(
                    Option.value("accounts", "N", "accounts to project, at least 1 (default 1,000,000)", CliCommands::positive),
                    Option.flag("emails", "add one customer email per invoice"),
                    Option.value("concurrency", "N", "invoice workers at once: the Map's MaxConcurrency and the queue trigger's"
                            + " MaximumConcurrency (default 1,000)", CliCommands::positive),
                    Option.value("post-lanes", "N", "post Lambda invocations at once over a run's pages: template.yaml's PostLanes"
                            + " (default 16)", CliCommands::positive),
                    Option.value("page-latency-ms", "N", "what one page of the post takes on AWS, an assumption (default 60)",
                            CliCommands::positive),
                    Option.value("warm-writes", "N", "the table's warm write throughput, units a second: template.yaml's"
                            + " TableWarmWriteUnitsPerSecond (default 40,000)", CliCommands::positive),
                    Option.value("warm-reads", "N", "the table's warm read throughput, units a second: template.yaml's"
                            + " TableWarmReadUnitsPerSecond (default 20,000)", CliCommands::positive),
                    Option.value("units", "FILE", "the units file to read (default: infra/local/app/target/bench-units.json,"
                            + " else docs/bench-units.json)", CliCommands::nonEmpty))),
            new Command("bench-cold-init", "Each function's cold init (fresh JVM, shaded jar) on its sample event's real path.", List.of(
                    Option.value("runs", "N", "cold starts per function, 1..50 (default 3; the median is shown)",
                            value -> positive(value).or(() -> Integer.parseInt(value) > 50 ? Optional.of("is more than 50") : Optional.empty())))),
            new Command("bench-console", "The console in Chromium on the local stack: the first bill-run list, and paging a run's invoices.", List.of(
                    Option.value("invoices", "N", "accounts to seed and bill in one run, at least 1 (default 100,000)", CliCommands::positive),
                    Option.value("loads", "N", "loads of the bill-run list timed, at least 1 (default 10; the median is shown)", CliCommands::positive),
                    Option.value("ui-pages", "N", "\"Load more\" clicks timed on the invoices tab, at least 1 (default 20)", CliCommands::positive))));

    private CliCommands() {
    }

    public static Optional<Command> find(String name) {
        return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    /** {@code 10,000} and {@code 10_000} read as 10000. */
    static String digits(String value) {
        return value.replace("_", "").replace(",", "");
    }

    private static Optional<String> port(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65_535 ? Optional.empty() : Optional.of("is not a port (0..65535)");
        } catch (NumberFormatException e) {
            return Optional.of("is not a port number (0..65535)");
        }
    }

    private static Optional<String> positive(String value) {
        try {
            return Integer.parseInt(digits(value)) >= 1 ? Optional.empty() : Optional.of("must be at least 1");
        } catch (NumberFormatException e) {
            return Optional.of("is not a whole number");
        }
    }

    private static Optional<String> logFormat(String value) {
        return value.equals("text") || value.equals("json") ? Optional.empty() : Optional.of("must be text or json");
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isBlank() ? Optional.of("is empty") : Optional.empty();
    }

    private static Optional<String> tenant(String value) {
        return TENANT.matcher(value).matches() ? Optional.empty()
                : Optional.of("is not a tenant id (1-64 letters, digits, '.', '_' or '-')");
    }

    private static Optional<String> email(String value) {
        return EMAIL.matcher(value).matches() ? Optional.empty() : Optional.of("is not an email address");
    }

    private static Optional<String> scopes(String value) {
        List<String> scopes = scopeList(value);
        if (scopes.isEmpty()) {
            return Optional.of("names no scope");
        }
        return scopes.stream().filter(scope -> !SCOPES.contains(scope)).findFirst()
                .map(unknown -> "names an unknown scope '" + unknown + "' (billing/read, billing/write, billing/post)");
    }

    static List<String> scopeList(String value) {
        return List.of(value.split("[,\\s]+")).stream().filter(scope -> !scope.isEmpty()).toList();
    }
}
