package com.billrun.local;

import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.http.DevTokens;
import com.billrun.local.lambda.LocalLogs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code ./billrun serve [--port N] [--data DIR] [--log text|json] | token --tenant T --email E --scopes a,b}, and
 * the commands a {@link CliCommand} on the classpath brings ({@code demo}, {@code bench}, {@code bench-cold-init} from
 * infra/local/app, which the launcher always runs). The launcher builds the CLI's classpath and calls this with the
 * repository root as {@code -Dbillrun.root}. A {@link CliCommand} takes precedence over a built-in of its name.
 */
public final class BillrunCli {

    private BillrunCli() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Optional<CliCommand> extension = ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals(command)).findFirst();
        if (extension.isPresent()) {
            System.exit(extension.get().run(rest));
        }
        CliOptions options = CliOptions.parse(rest);
        int status = switch (command) {
            case "token" -> token(options);
            case "serve" -> Serve.run(options.intValue("port", 0), options.value("data").map(Path::of),
                    LocalLogs.format(options.value("log").orElse("text")));
            case "demo", "bench", "bench-cold-init" -> {
                System.out.println("billrun " + command + ": needs the functions on the classpath (infra/local/app, as ./billrun builds it)");
                yield 2;
            }
            default -> {
                System.out.println("usage: billrun demo | serve [--port N] [--data DIR] [--log text|json] | token --tenant T --email E --scopes a,b"
                        + " | bench --accounts N | bench-cold-init");
                yield "help".equals(command) ? 0 : 2;
            }
        };
        System.exit(status);
    }

    private static int token(CliOptions options) {
        String tenant = options.required("tenant");
        String email = options.required("email");
        List<String> scopes = options.value("scopes").map(s -> Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of("billing/read", "billing/write", "billing/post"));
        Path keyFile = devKeyFile();
        String token = DevTokens.fromKeyFile(keyFile).issue(tenant, email, scopes);
        System.out.printf("dev token for tenant %s, %s, scopes %s, valid %s (issuer %s, audience %s, key %s):%n",
                tenant, email, String.join(" ", scopes), DevTokens.DEFAULT_LIFETIME, DevTokens.ISSUER, DevTokens.AUDIENCE, keyFile);
        System.out.println(token);
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
