package com.billrun.local.aws;

import com.billrun.aws.AwsClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole local AWS stack in one object: DynamoDB Local and ElasticMQ in this JVM, the SES stand-in as a child
 * process, each on a free 127.0.0.1 port. {@link #env()} is what a function needs to reach them through
 * {@link AwsClients}. Closing it stops everything; a shutdown hook does the same on Ctrl-C.
 */
public final class EmbeddedAws implements AwsTarget, AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    private final DynamoDbLocalServer dynamoDb;
    private final ElasticMqServer sqs;
    private final SesLocalProcess ses;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedAws(DynamoDbLocalServer dynamoDb, ElasticMqServer sqs, SesLocalProcess ses, Duration startupTime) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.ses = ses;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::stopAll, "billrun-embedded-aws-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** In-memory DynamoDB: every start is a clean slate. */
    public static EmbeddedAws start() {
        return start(Optional.empty());
    }

    /** With {@code dynamoDbPath}, tables survive restarts in that folder. */
    public static EmbeddedAws start(Optional<Path> dynamoDbPath) {
        long started = System.nanoTime();
        NodeTools tools = NodeTools.locate();
        // The three start in parallel: node boots while the JVM servers bind.
        SesLocalProcess ses = SesLocalProcess.start(tools);
        var dynamoDb = CompletableFuture.supplyAsync(() -> DynamoDbLocalServer.start(dynamoDbPath));
        var sqs = CompletableFuture.supplyAsync(() -> ElasticMqServer.start(REGION, ACCOUNT_ID));
        try {
            ses.awaitReady();
            return new EmbeddedAws(dynamoDb.join(), sqs.join(), ses, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            closeQuietly(ses);
            dynamoDb.thenAccept(EmbeddedAws::closeQuietly);
            sqs.thenAccept(EmbeddedAws::closeQuietly);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AwsClients.REGION, REGION);
        env.put(AwsClients.ACCESS_KEY_ID, "local");
        env.put(AwsClients.SECRET_ACCESS_KEY, "local");
        env.put(AwsClients.ENDPOINT_DYNAMODB, dynamoDb.endpoint().toString());
        env.put(AwsClients.ENDPOINT_SQS, sqs.endpoint().toString());
        env.put(AwsClients.ENDPOINT_SESV2, ses.endpoint().toString());
        return Collections.unmodifiableMap(env);
    }

    @Override
    public SesMailbox mailbox() {
        return new LocalSesMailbox(ses.endpoint());
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI sesEndpoint() {
        return ses.endpoint();
    }

    /** aws-ses-v2-local's web page listing the captured emails. */
    public URI mailPage() {
        return ses.endpoint().resolve("/");
    }

    public long sesProcessId() {
        return ses.pid();
    }

    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the same things
        }
        stopAll();
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable part : List.<AutoCloseable>of(ses, sqs, dynamoDb)) {
            try {
                part.close();
            } catch (Exception e) {
                failures.add(new IllegalStateException(e.getMessage(), e));
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // start-up already failed; that failure is the one to report
        }
    }
}
