package com.billrun.local.demo;

import com.billrun.local.LocalFunctions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.http.ConsoleSite;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.http.LocalHttpApi;
import com.billrun.local.template.TemplateWiring;
import com.billrun.store.BillrunStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Billrun on the embedded stack, driven as a portal drives it: template.yaml's functions and state machines on
 * the local runtime, the HTTP API with a dev token, the SES stand-in's mailbox. Shared by the demo and the bench
 * ({@code com.billrun.local.bench}).
 */
public final class LocalBillrunApp implements AutoCloseable {

    public record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedAws stack;
    private final LocalRuntime runtime;
    private final LocalHttpApi api;
    private final BillrunStore store;
    private final DevTokens tokens;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    public LocalBillrunApp(String tenantId, String userEmail) {
        this(tenantId, userEmail, Map.of());
    }

    /** @param parameters template.yaml parameters to set, e.g. {@code AccountBatchSize} */
    public LocalBillrunApp(String tenantId, String userEmail, Map<String, Object> parameters) {
        stack = EmbeddedAws.start();
        runtime = new LocalRuntime(stack);
        TemplateWiring.Result wired = LocalFunctions.register(runtime, parameters)
                .orElseThrow(() -> new IllegalStateException("template.yaml not found (run from the repository)"));
        if (!wired.skippedFunctions().isEmpty()) {
            throw new IllegalStateException("functions missing from the classpath: " + wired.skippedFunctions());
        }
        tokens = DevTokens.ephemeral();
        api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
        store = BillrunStore.of(runtime.dynamoDb(), wired.tables().get("BillrunTable"));
        token = tokens.issue(tenantId, userEmail, List.of("billing/read", "billing/write", "billing/post"));
    }

    EmbeddedAws stack() {
        return stack;
    }

    /** Serves the console (console/dist) and its dev sign-in on this API, as serve does; the console's URL. */
    public URI serveConsole() {
        return ConsoleSite.serve(api, tokens);
    }

    /** The local runtime under the app: its Lambda runner and its Step Functions engine (the bench's counts). */
    public LocalRuntime runtime() {
        return runtime;
    }

    public BillrunStore store() {
        return store;
    }

    String apiUrl() {
        return api.url().toString();
    }

    public Answer call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(api.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("authorization", "Bearer " + token).header("content-type", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls the run until its status is one of {@code wanted}, telling {@code listener} each time its status or its
     * progress (batches done, invoices posted) changes.
     */
    public JsonNode awaitStatus(String runId, Duration patience, StatusListener listener, String... wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = call("GET", "/bill-runs/" + runId, null).body();
            String status = run.path("status").asText();
            String seen = status + "/" + run.path("batchesDone").asInt() + "/" + run.path("invoicesPosted").asLong();
            if (!seen.equals(last)) {
                listener.changed(run);
                last = seen;
            }
            if (List.of(wanted).contains(status)) {
                return run;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("run " + runId + " is still " + last + " after " + patience);
    }

    /** Told of each status a run passes through, and of its progress within a status. */
    @FunctionalInterface
    public interface StatusListener {
        void changed(JsonNode run);
    }

    List<SentEmail> awaitEmails(Predicate<SentEmail> matching, int count, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        List<SentEmail> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = stack.mailbox().sentEmails().stream().filter(matching).toList();
            if (found.size() >= count) {
                break;
            }
            Thread.sleep(200);
        }
        return found;
    }

    @Override
    public void close() {
        api.close();
        runtime.close();
        stack.close();
    }
}
