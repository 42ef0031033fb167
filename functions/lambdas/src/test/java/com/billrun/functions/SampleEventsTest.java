package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.billrun.local.ProjectRoot;
import com.billrun.local.template.SamTemplate.Resource;
import com.billrun.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * events/ holds one or more sample events per function, in the folder named like the handler's package
 * ({@code com.billrun.functions.post.PostHandler} → {@code events/post/}); the same files serve
 * {@code sam local invoke -e}. Each must read as its handler's input type, through the Lambda runtime's own
 * serialisers (a {@link TaskHandler}'s or {@link SqsBatchHandler}'s, through its own reader), and the API samples must be answered without a
 * server error.
 */
class SampleEventsTest {

    private static final Path ROOT = ProjectRoot.find().orElseThrow();
    private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));

    @Test
    void everyFunctionHasSampleEventsThatReadAsItsInputType() throws IOException {
        for (Resource function : TEMPLATE.resourcesOfType("AWS::Serverless::Function")) {
            Class<?> handler = HandlerProbe.handlerClass(function);
            List<Path> samples = samplesOf(handler);
            assertFalse(samples.isEmpty(), function.logicalId() + " has no sample in " + folderOf(handler));
            for (Path sample : samples) {
                var bytes = new ByteArrayInputStream(Files.readAllBytes(sample));
                Object event = TaskHandler.class.isAssignableFrom(handler) ? StreamJson.read(bytes)
                        : handler == com.billrun.functions.tokenclaims.TokenClaimsHandler.class ? StreamJson.read(bytes)
                        : SqsBatchHandler.class.isAssignableFrom(handler) ? SqsBatchHandler.event(StreamJson.read(bytes))
                        : handler == com.billrun.functions.api.ApiHandler.class ? com.billrun.functions.api.ApiHandler.event(bytes)
                        : serializerFor(inputType(handler)).fromJson(bytes);
                if (event instanceof SQSEvent batch) {
                    assertFalse(batch.getRecords().isEmpty(), sample + ": a batch has messages");
                    batch.getRecords().forEach(message -> assertNotNull(message.getBody(), sample.toString()));
                }
                assertNotNull(event, sample.toString());
                if (event instanceof Map<?, ?> task && task.containsKey("detail-type")) {
                    // an EventBridge event (ReconcileFunction): the tenant is in the execution's input
                    assertTrue(String.valueOf(((Map<?, ?>) task.get("detail")).get("input")).contains("\"tenantId\""),
                            sample + ": the execution's input names its tenant");
                } else if (event instanceof Map<?, ?> cognito && cognito.containsKey("userPoolId")) {
                    // a Cognito trigger (TokenClaimsFunction): the tenant is the user's attribute
                    assertTrue(String.valueOf(cognito.get("request")).contains("custom:tenant"), sample + ": the user has a tenant");
                } else if (event instanceof Map<?, ?> task) {
                    assertTrue(task.containsKey("tenantId"), sample + ": a task payload names its tenant");
                }
            }
        }
    }

    @Test
    void theApiSamplesAreAnsweredWithoutAServerError() throws IOException {
        LocalBillrun local = LocalBillrun.get();
        for (Path sample : samplesOf(com.billrun.functions.api.ApiHandler.class)) {
            var answer = LocalBillrun.json(local.invokeFunction("ApiFunction", Files.readString(sample)).payloadText());
            int status = answer.get("statusCode").asInt();
            assertTrue(status < 500, sample + " -> " + answer);
        }
    }

    @Test
    void theApiSampleEventsCarryTheClaimsTheApiReads() throws IOException {
        for (Path sample : samplesOf(com.billrun.functions.api.ApiHandler.class)) {
            var event = (APIGatewayV2HTTPEvent) serializerFor(APIGatewayV2HTTPEvent.class)
                    .fromJson(new ByteArrayInputStream(Files.readAllBytes(sample)));
            Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
            assertEquals("acme", claims.get("tenant"), sample.toString());
            assertTrue(claims.get("scope").contains("billing/"), sample.toString());
            // the handler's own reader gives the same request as the runtime's serialiser
            var ours = com.billrun.functions.api.ApiHandler.event(new ByteArrayInputStream(Files.readAllBytes(sample)));
            assertEquals(claims, ours.getRequestContext().getAuthorizer().getJwt().getClaims(), sample.toString());
            assertEquals(event.getRawPath(), ours.getRawPath(), sample.toString());
            assertEquals(event.getRequestContext().getHttp().getMethod(), ours.getRequestContext().getHttp().getMethod());
            assertEquals(event.getRequestContext().getRequestId(), ours.getRequestContext().getRequestId());
            assertEquals(event.getHeaders(), ours.getHeaders(), sample.toString());
            assertEquals(event.getQueryStringParameters(), ours.getQueryStringParameters(), sample.toString());
            assertEquals(event.getBody(), ours.getBody(), sample.toString());
            assertEquals(event.getIsBase64Encoded(), ours.getIsBase64Encoded(), sample.toString());
        }
    }

    private static Path folderOf(Class<?> handler) {
        String packageName = handler.getPackageName();
        return ROOT.resolve("events").resolve(packageName.substring(packageName.lastIndexOf('.') + 1));
    }

    private static List<Path> samplesOf(Class<?> handler) throws IOException {
        Path folder = folderOf(handler);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Class<?> inputType(Class<?> handler) {
        for (Type type : handler.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                Type input = parameterized.getActualTypeArguments()[0];
                return (Class<?>) (input instanceof ParameterizedType p ? p.getRawType() : input);
            }
        }
        throw new AssertionError(handler + " does not implement RequestHandler<I, O>");
    }

    /** What the Lambda Java runtime uses: the events library's serialisers for its types, its Jackson for the rest. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }
}
