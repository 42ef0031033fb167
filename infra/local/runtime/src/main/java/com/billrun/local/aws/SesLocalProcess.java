package com.billrun.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SES stand-in, npm {@code aws-ses-v2-local}, as a child process on 127.0.0.1.
 *
 * <p>It is started through a tiny bootstrap that exits as soon as its stdin closes: the JVM holds the other end of
 * that pipe, so even a JVM killed with SIGKILL (no shutdown hook runs) takes the mail server down with it.
 * {@link #close()} and the stack's shutdown hook stop it the polite way first.
 */
final class SesLocalProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final String BOOTSTRAP = """
            const [moduleDir, port] = process.argv.slice(1);
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            require(moduleDir).default({ host: '127.0.0.1', port: Number(port) })
              .then(() => console.log('aws-ses-v2-local listening on ' + port))
              .catch((e) => { console.error(e); process.exit(1); });
            """;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private SesLocalProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    static SesLocalProcess start(NodeTools tools) {
        int port = FreePorts.next();
        try {
            Path log = Files.createTempFile("billrun-ses-local-", ".log");
            Process process = new ProcessBuilder(List.of(
                    tools.node().toString(), "-e", BOOTSTRAP, tools.sesModule().toString(), Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new SesLocalProcess(process, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start aws-ses-v2-local", e);
        }
    }

    /** Blocks until the server answers its health check; fails with the child's own output otherwise. */
    void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("aws-ses-v2-local exited (" + process.exitValue() + "): " + output());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(endpoint.resolve("/health-check")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for aws-ses-v2-local", e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("aws-ses-v2-local did not answer within " + START_TIMEOUT + ": " + output());
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp log left behind is harmless
        }
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
