package com.billrun.local;

import com.billrun.local.CliCommands.Command;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.http.DevTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code ./billrun serve | token | demo | bench | bench-cold-init | bench-console}: the commands and options of {@link CliCommands},
 * checked before anything starts (a usage error is one line on stderr and exit status 2; a failure to start, such
 * as a busy port, one line and exit status 1). {@code serve} and {@code token} are built in; the others come from
 * a {@link CliCommand} on the classpath (infra/local/app, which the launcher always runs), which also takes
 * precedence over a built-in of its name. The launcher builds the CLI's classpath and calls this with the
 * repository root as {@code -Dbillrun.root}.
 */
public final class BillrunCli {

    private BillrunCli() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** The exit status; nothing is left running when it is not 0 (serve returns only once stopped). */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String name = args.isEmpty() ? "help" : args.getFirst();
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        if (List.of("help", "-h", "--help").contains(name)) {
            return help(rest, out, err);
        }
        Optional<Command> command = CliCommands.find(name);
        if (command.isEmpty()) {
            err.println("billrun: unknown command '" + name + "' (try ./billrun help)");
            return 2;
        }
        if (CliOptions.asksForHelp(rest)) {
            out.print(command.get().help());
            return 0;
        }
        try {
            CliOptions options = CliOptions.parse(command.get(), rest);
            Optional<CliCommand> extension = ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::get)
                    .filter(candidate -> candidate.name().equals(name)).findFirst();
            if (extension.isPresent()) {
                return extension.get().run(options);
            }
            return switch (name) {
                case "token" -> token(options, out);
                case "serve" -> Serve.run(options, err);
                default -> {
                    err.println("billrun " + name + ": needs the functions on the classpath (infra/local/app, as ./billrun builds it)");
                    yield 2;
                }
            };
        } catch (CliOptions.UsageError wrong) {
            err.println("billrun " + name + ": " + wrong.getMessage() + " (see ./billrun " + name + " --help)");
            return 2;
        }
    }

    private static int help(List<String> rest, PrintStream out, PrintStream err) {
        if (rest.isEmpty()) {
            out.println("usage: ./billrun COMMAND [OPTIONS]   (./billrun COMMAND --help for one)");
            CliCommands.ALL.forEach(command -> out.printf("  %-16s %s%n", command.name(), command.summary()));
            return 0;
        }
        Optional<Command> command = rest.size() == 1 ? CliCommands.find(rest.getFirst()) : Optional.empty();
        if (command.isEmpty()) {
            err.println("billrun help: unknown command '" + String.join(" ", rest) + "' (try ./billrun help)");
            return 2;
        }
        out.print(command.get().help());
        return 0;
    }

    private static int token(CliOptions options, PrintStream out) {
        String tenant = options.required("tenant");
        String email = options.required("email");
        List<String> scopes = options.value("scopes").map(CliCommands::scopeList)
                .orElse(List.of("billing/read", "billing/write", "billing/post"));
        Path keyFile = devKeyFile();
        String token = DevTokens.fromKeyFile(keyFile).issue(tenant, email, scopes);
        out.printf("dev token for tenant %s, %s, scopes %s, valid %s (issuer %s, audience %s, key %s):%n",
                tenant, email, String.join(" ", scopes), DevTokens.DEFAULT_LIFETIME, DevTokens.ISSUER, DevTokens.AUDIENCE, keyFile);
        out.println(token);
        return 0;
    }

    /** Shared by {@code token} and {@code serve} so that tokens printed in one terminal work against the other. */
    static Path devKeyFile() {
        return ProjectRoot.find().orElse(Path.of(".")).resolve(".billrun/dev-signing-key.json");
    }

    static void printTemplate(java.util.Optional<com.billrun.local.template.TemplateWiring.Result> wired) {
        wired.ifPresentOrElse(result -> {
            System.out.println("template.yaml: tables " + result.tables().values() + ", queues " + result.queues().keySet());
            System.out.println("  functions running locally: " + result.functions());
            result.skippedFunctions().forEach((function, why) -> System.out.println("  skipped " + function + ": " + why));
            result.stateMachines().forEach(machine -> System.out.println("  state machine " + machine.arn()
                    + " (" + machine.definitionUri() + ") runs on the local Step Functions engine"));
        }, () -> System.out.println("template.yaml not found: no function registered"));
    }

    static void printStack(EmbeddedAws stack) {
        System.out.printf("""
                local AWS stack up in %d ms:
                  DynamoDB Local  %s
                  SQS (ElasticMQ) %s
                  SES (aws-ses-v2-local) %s   sent mail: %s  (JSON: %s)
                """, stack.startupTime().toMillis(), stack.dynamoDbEndpoint(), stack.sqsEndpoint(), stack.sesEndpoint(),
                stack.mailPage(), stack.sesEndpoint().resolve("/store"));
    }
}
