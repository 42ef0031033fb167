package com.billrun.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {

    private static final Map<String, String> LOCAL = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4001",
            "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:4002",
            "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:4003",
            "AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:4004",
            "AWS_ENDPOINT_URL_SCHEDULER", "http://127.0.0.1:4005");

    @Test
    void eachClientTakesItsOwnServiceEndpointAndTheRegionFromTheMap() {
        try (var dynamoDb = AwsClients.dynamoDb(LOCAL);
             var sqs = AwsClients.sqs(LOCAL);
             var ses = AwsClients.sesV2(LOCAL);
             var sfn = AwsClients.sfn(LOCAL);
             var scheduler = AwsClients.scheduler(LOCAL)) {
            assertEquals(URI.create("http://127.0.0.1:4001"), dynamoDb.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(URI.create("http://127.0.0.1:4002"), sqs.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(URI.create("http://127.0.0.1:4003"), ses.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(URI.create("http://127.0.0.1:4004"), sfn.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(URI.create("http://127.0.0.1:4005"), scheduler.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(Region.EU_WEST_1, dynamoDb.serviceClientConfiguration().region());
        }
    }

    @Test
    void onAwsThereIsNoEndpointOverride() {
        try (var dynamoDb = AwsClients.dynamoDb(Map.of("AWS_REGION", "us-east-1"))) {
            assertTrue(dynamoDb.serviceClientConfiguration().endpointOverride().isEmpty());
        }
    }

    @Test
    void keysInTheMapWinOverTheDefaultChain() {
        var withSession = Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "s", "AWS_SESSION_TOKEN", "t");
        var provider = assertInstanceOf(StaticCredentialsProvider.class, AwsClients.credentials(withSession));
        var credentials = assertInstanceOf(AwsSessionCredentials.class, provider.resolveCredentials());
        assertEquals("t", credentials.sessionToken());
        assertInstanceOf(DefaultCredentialsProvider.class, AwsClients.credentials(Map.of()));
    }
}
