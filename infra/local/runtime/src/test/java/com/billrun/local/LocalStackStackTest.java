package com.billrun.local;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.AwsTarget;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.aws.SesMailbox;
import com.billrun.local.contract.DynamoDbContract;
import com.billrun.local.contract.SesContract;
import com.billrun.local.contract.SqsTriggerContract;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same integration suites against LocalStack, where Docker exists (skipped cleanly where it does not).
 * LocalStack images from 2026 on refuse to start without an auth token: {@code LOCALSTACK_AUTH_TOKEN} is passed
 * through from the environment.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStackTest {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(IMAGE)
            .withServices(Service.DYNAMODB, Service.SQS, Service.SES)
            .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

    static final AwsTarget TARGET = new AwsTarget() {
        @Override
        public Map<String, String> env() {
            String endpoint = LOCALSTACK.getEndpoint().toString();
            return Map.of(
                    AwsClients.REGION, LOCALSTACK.getRegion(),
                    AwsClients.ACCESS_KEY_ID, LOCALSTACK.getAccessKey(),
                    AwsClients.SECRET_ACCESS_KEY, LOCALSTACK.getSecretKey(),
                    AwsClients.ENDPOINT_DYNAMODB, endpoint,
                    AwsClients.ENDPOINT_SQS, endpoint,
                    AwsClients.ENDPOINT_SESV2, endpoint);
        }

        @Override
        public SesMailbox mailbox() {
            return () -> localStackSentEmails(LOCALSTACK.getEndpoint().resolve("/_aws/ses"));
        }

        @Override
        public void verifySender(String email) {
            try (var ses = AwsClients.sesV2(env())) {
                ses.createEmailIdentity(b -> b.emailIdentity(email));
            } catch (software.amazon.awssdk.services.sesv2.model.AlreadyExistsException alreadyVerified) {
                // verified by an earlier test
            }
        }
    };

    /** LocalStack's SES retrospection endpoint: {@code {messages: [{Id, Source, Destination, Subject, Body, Timestamp}]}}. */
    static List<SentEmail> localStackSentEmails(URI endpoint) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<SentEmail> emails = new ArrayList<>();
            for (JsonNode message : Json.MAPPER.readTree(body).path("messages")) {
                List<String> to = new ArrayList<>();
                message.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asText()));
                emails.add(new SentEmail(message.path("Id").asText(), message.path("Source").asText(), to,
                        message.path("Subject").asText(), message.path("Body").path("text_part").asText(null),
                        message.path("Body").path("html_part").asText(null), Instant.parse(message.path("Timestamp").asText())));
            }
            return emails;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + endpoint, e);
        }
    }

    @Nested
    class DynamoDb extends DynamoDbContract {
        @Override
        protected AwsTarget target() {
            return TARGET;
        }
    }

    @Nested
    class SqsTrigger extends SqsTriggerContract {
        @Override
        protected AwsTarget target() {
            return TARGET;
        }
    }

    @Nested
    class Ses extends SesContract {
        @Override
        protected AwsTarget target() {
            return TARGET;
        }
    }
}
