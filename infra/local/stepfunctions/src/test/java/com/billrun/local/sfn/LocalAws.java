package com.billrun.local.sfn;

import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Test fixture: embedded ElasticMQ on a free port, {@link LocalStepFunctions} (engine + API server) with a real
 * SqsClient, and a real SfnClient pointed at its url() with dummy credentials — the wiring the local runtime uses.
 */
final class LocalAws implements AutoCloseable {
    private static final StaticCredentialsProvider DUMMY = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    final SQSRestServer elasticMq;
    final SqsClient sqs;
    final LocalStepFunctions stepFunctions;
    final StepFunctionsEngine engine;
    final SfnClient sfn;

    LocalAws(LambdaInvoker lambda, TimeScale scale) throws Exception {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort)).region(Region.US_EAST_1)
                .credentialsProvider(DUMMY).httpClient(UrlConnectionHttpClient.create()).build();
        stepFunctions = LocalStepFunctions.start(EngineSettings.defaults().withTimeScale(scale), lambda, () -> sqs, 0);
        engine = stepFunctions.engine();
        sfn = SfnClient.builder().endpointOverride(stepFunctions.url()).region(Region.US_EAST_1).credentialsProvider(DUMMY)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    String createQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    @Override
    public void close() {
        sfn.close();
        stepFunctions.close();
        sqs.close();
        elasticMq.stopAndWait();
    }
}
