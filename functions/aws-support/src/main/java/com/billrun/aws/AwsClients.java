package com.billrun.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS clients of a Lambda handler from the environment it is given, so that the same handler code
 * talks to AWS in the cloud and to the local stand-ins on a laptop. See {@code package-info.java} for the
 * handler convention.
 *
 * <p>Read from {@code env}: {@code AWS_REGION}; the SDK's standard service-specific endpoint variables
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SESV2},
 * {@code AWS_ENDPOINT_URL_SFN}, {@code AWS_ENDPOINT_URL_SCHEDULER} (absent on AWS, set by the local runtime); {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}. The variables are read from the map rather than
 * left to the SDK because the local runner hosts many functions in one JVM, whose process environment
 * cannot differ per function.
 */
public final class AwsClients {

    public static final String REGION = "AWS_REGION";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String ENDPOINT_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String ENDPOINT_SESV2 = "AWS_ENDPOINT_URL_SESV2";
    public static final String ENDPOINT_SFN = "AWS_ENDPOINT_URL_SFN";
    public static final String ENDPOINT_SCHEDULER = "AWS_ENDPOINT_URL_SCHEDULER";

    /**
     * Half of a client's cold build is two pieces of one-time work that need nothing from the handler: the SDK's
     * region and service metadata (about 400 generated classes, loaded by every client build to find its signing
     * region) and the TLS set-up of the HTTP client (the JDK's SSL classes and trust store). Both start on their own
     * threads as soon as a handler first asks for a client, so that on a machine with more than one core they are
     * done, or nearly, by the time the handler's thread needs them instead of lengthening its path to the first
     * event. The throw-away HTTP client only loads and caches; each SDK client still builds its own, with its
     * service's HTTP defaults (Step Functions' read timeout is 65 s, not the global 30 s).
     */
    static {
        Background.warmUp("aws-metadata-warm-up", () -> ServiceMetadata.of("dynamodb"));
        Background.warmUp("aws-tls-warm-up", () -> UrlConnectionHttpClient.builder().build().close());
    }

    /**
     * Measurement only ({@code ./billrun bench}, in {@code infra/local/app}): what every client built here from now
     * on gets as an extra {@link ExecutionInterceptor}, given the environment it is built from. Never set on AWS:
     * while it is null (always, outside the bench) a client build costs one read of this field and nothing else.
     */
    private static volatile ClientMeter meter;

    /** Gives each client built from now on the interceptor {@code meter} makes for it; {@code null} stops. */
    public static void meterClients(ClientMeter meter) {
        AwsClients.meter = meter;
    }

    /** Makes the measuring interceptor of one client: its service ({@code dynamodb}, {@code sqs}...) and its env. */
    @FunctionalInterface
    public interface ClientMeter {
        ExecutionInterceptor interceptorFor(String service, Map<String, String> env);
    }

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Map<String, String> env) {
        return configure(DynamoDbClient.builder(), env, ENDPOINT_DYNAMODB).build();
    }

    public static SqsClient sqs(Map<String, String> env) {
        return configure(SqsClient.builder(), env, ENDPOINT_SQS).build();
    }

    public static SesV2Client sesV2(Map<String, String> env) {
        return configure(SesV2Client.builder(), env, ENDPOINT_SESV2).build();
    }

    public static SfnClient sfn(Map<String, String> env) {
        return configure(SfnClient.builder(), env, ENDPOINT_SFN).build();
    }

    /** EventBridge Scheduler, where the API creates and deletes the tenants' bill-run schedules. */
    public static SchedulerClient scheduler(Map<String, String> env) {
        return configure(SchedulerClient.builder(), env, ENDPOINT_SCHEDULER).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Map<String, String> env, String endpointVariable) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        String region = env.get(REGION);
        if (isSet(region)) {
            builder.region(Region.of(region));
        }
        String endpoint = env.get(endpointVariable);
        if (isSet(endpoint)) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(credentials(env));
        ClientMeter measuring = meter;
        if (measuring != null) {
            String service = endpointVariable.substring("AWS_ENDPOINT_URL_".length()).toLowerCase(java.util.Locale.ROOT);
            builder.overrideConfiguration(c -> c.addExecutionInterceptor(measuring.interceptorFor(service, env)));
        }
        return builder;
    }

    /** Static keys when the map carries them (Lambda's own variables, or the local dummies), else the chain. */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        String keyId = env.get(ACCESS_KEY_ID);
        String secret = env.get(SECRET_ACCESS_KEY);
        if (!isSet(keyId) || !isSet(secret)) {
            return DefaultCredentialsProvider.builder().build();
        }
        String sessionToken = env.get(SESSION_TOKEN);
        return StaticCredentialsProvider.create(isSet(sessionToken)
                ? AwsSessionCredentials.create(keyId, secret, sessionToken)
                : AwsBasicCredentials.create(keyId, secret));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
