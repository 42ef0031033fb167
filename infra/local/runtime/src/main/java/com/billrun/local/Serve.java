package com.billrun.local;

import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.http.ApiDocs;
import com.billrun.local.http.ConsoleSite;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.lambda.LocalLogs;
import com.billrun.local.template.SamLocalEnv;
import com.billrun.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./billrun serve}: the stack, Billrun's functions and the HTTP API on 127.0.0.1 until Ctrl-C. A port that
 * cannot be had is found before anything starts; anything else that fails while starting stops what had started
 * (the SES child included) and is one line on stderr with exit status 1. It prints a line per request, per
 * function log record and per function error, readable or as JSON lines ({@code --log json}, {@link LocalLogs}).
 */
final class Serve {

    private Serve() {
    }

    static int run(CliOptions options, PrintStream err) throws InterruptedException {
        int port = options.intValue("port", 0);
        Optional<Path> dataDir = options.value("data").map(Path::of);
        List<ServeExtension> extensions = ServiceLoader.load(ServeExtension.class).stream().map(ServiceLoader.Provider::get).toList();
        if (options.flag("seed") && extensions.stream().noneMatch(extension -> extension.options().contains("seed"))) {
            throw new CliOptions.UsageError("--seed needs the demo tenant of infra/local/app on the classpath (./billrun puts it there)");
        }
        Optional<String> portProblem = portProblem(port);
        if (portProblem.isPresent()) {
            err.println("billrun serve: " + portProblem.get());
            return 1;
        }
        List<AutoCloseable> started = new ArrayList<>();
        LocalHttpApi api;
        URI console;
        try {
            EmbeddedAws stack = EmbeddedAws.start(dataDir);
            started.add(stack);
            LocalRuntime runtime = new LocalRuntime(stack,
                    new LocalLogs(System.out, LocalLogs.format(options.value("log").orElse("text"))));
            started.add(runtime);
            BillrunCli.printStack(stack);
            BillrunCli.printTemplate(LocalFunctions.register(runtime));
            writeSamLocalEnv(runtime);
            for (ServeExtension extension : extensions) {
                started.add(extension.start(runtime, options));
            }
            DevTokens tokens = DevTokens.fromKeyFile(BillrunCli.devKeyFile());
            api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), port);
            started.add(api);
            ApiDocs.serve(api);
            console = ConsoleSite.serve(api, tokens);
            System.out.println("functions: " + runtime.runner().functionNames());
            api.routes().forEach(route -> System.out.printf("  %-32s -> %s %s%n", route.routeKey(), route.functionName(),
                    route.authorized() ? "(JWT, scopes " + route.scopes() + ")" : "(open)"));
            dataDir.ifPresent(dir -> System.out.println("DynamoDB data kept in " + dir.toAbsolutePath()));
            System.out.println("SES mail page: " + stack.mailPage());
        } catch (RuntimeException failed) {
            stopAll(started);
            err.println("billrun serve: could not start: " + oneLine(failed));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("billrun serve: stopping");
            stopAll(started);
            stopped.countDown();
        }, "billrun-serve-shutdown"));
        System.out.println("Console: " + console + "  (dev sign-in: any tenant, email and scopes)");
        System.out.println("a token: ./billrun token --tenant acme --email you@acme.example --scopes billing/read,billing/write,billing/post");
        System.out.println("API docs: " + api.url().resolve(ApiDocs.DOCS_PATH) + "  (the spec: " + api.url().resolve(ApiDocs.SPEC_PATH) + ")");
        System.out.println("API: " + api.url());
        System.out.println("billrun serve: up; Ctrl-C stops everything");
        stopped.await();
        return 0;
    }

    /** events/env.json for {@code sam local invoke}, pointing at this stack (its ports change with every start). */
    private static void writeSamLocalEnv(LocalRuntime runtime) {
        Optional<Path> template = ProjectRoot.find().map(root -> root.resolve("template.yaml")).filter(Files::isRegularFile);
        if (template.isEmpty()) {
            return;
        }
        Path envFile = template.get().resolveSibling("events").resolve("env.json");
        SamLocalEnv.write(envFile, SamLocalEnv.of(SamTemplate.load(template.get()),
                name -> runtime.runner().functionNames().contains(name) ? runtime.runner().spec(name).env() : null));
        System.out.println("sam local invoke: " + envFile + " points the functions at this stack (README.md, Deploy with AWS SAM)");
    }

    /** Why {@code port} cannot be listened on at 127.0.0.1, found before the stack starts. */
    static Optional<String> portProblem(int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + port + " on 127.0.0.1 is not free (" + e.getMessage()
                    + "); choose another with --port N, or leave it out for a free one");
        }
    }

    /** The last started first, as a try-with-resources would. */
    private static void stopAll(List<AutoCloseable> started) {
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                System.out.println("billrun serve: " + part + " did not stop cleanly: " + e);
            }
        }
        started.clear();
    }

    private static String oneLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.replace('\n', ' ');
    }
}
