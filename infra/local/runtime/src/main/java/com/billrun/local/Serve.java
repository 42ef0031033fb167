package com.billrun.local;

import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.lambda.LocalLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./billrun serve}: the stack, Billrun's functions and the HTTP API on 127.0.0.1 until Ctrl-C; a line per
 * request, per function log record and per function error, readable or as JSON lines ({@code --log json},
 * {@link LocalLogs}).
 */
final class Serve {

    private Serve() {
    }

    static int run(int port, Optional<Path> dataDir, LocalLogs.Format logFormat) throws InterruptedException {
        EmbeddedAws stack = EmbeddedAws.start(dataDir);
        LocalRuntime runtime = new LocalRuntime(stack, new LocalLogs(System.out, logFormat));
        CountDownLatch stopped = new CountDownLatch(1);
        List<AutoCloseable> extensions = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("billrun serve: stopping");
            extensions.forEach(Serve::close);
            runtime.close();
            stack.close();
            stopped.countDown();
        }, "billrun-serve-shutdown"));

        BillrunCli.printStack(stack);
        BillrunCli.printTemplate(LocalFunctions.register(runtime));
        ServiceLoader.load(ServeExtension.class).forEach(extension -> extensions.add(extension.start(runtime)));

        LocalHttpApi api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(DevTokens.fromKeyFile(BillrunCli.devKeyFile())), port);
        System.out.println("functions: " + runtime.runner().functionNames());
        api.routes().forEach(route -> System.out.printf("  %-32s -> %s %s%n", route.routeKey(), route.functionName(),
                route.authorized() ? "(JWT, scopes " + route.scopes() + ")" : "(open)"));
        dataDir.ifPresent(dir -> System.out.println("DynamoDB data kept in " + dir.toAbsolutePath()));
        System.out.println("SES mail page: " + stack.mailPage());
        System.out.println("a token: ./billrun token --tenant acme --email you@acme.example --scopes billing/read,billing/write,billing/post");
        System.out.println("API: " + api.url());
        System.out.println("billrun serve: up; Ctrl-C stops everything");
        stopped.await();
        return 0;
    }

    private static void close(AutoCloseable extension) {
        try {
            extension.close();
        } catch (Exception e) {
            System.out.println("billrun serve: " + extension + " did not stop cleanly: " + e);
        }
    }
}
