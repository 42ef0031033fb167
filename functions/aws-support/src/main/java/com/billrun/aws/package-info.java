/**
 * What every Billrun Lambda handler uses to build its AWS clients, once per container, from its environment.
 *
 * <h2>The handler convention (all Billrun handlers)</h2>
 * <pre>{@code
 * public final class InvoiceWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
 *     private final DynamoDbClient dynamoDb;
 *     private final String tableName;
 *
 *     public InvoiceWorker() {                       // what AWS Lambda calls
 *         this(System.getenv());
 *     }
 *
 *     public InvoiceWorker(Map<String, String> env) { // what the local runner (and tests) call
 *         this.dynamoDb = AwsClients.dynamoDb(env);
 *         this.tableName = env.get("TABLE_NAME");
 *     }
 *
 *     @Override
 *     public SQSBatchResponse handleRequest(SQSEvent event, Context context) { ... }
 * }
 * }</pre>
 * <ul>
 *   <li>Clients are fields built in the constructor (Lambda init, SnapStart snapshot), never per request.
 *       One-time set-up the constructor's thread does not need yet (a JSON mapper, a first parse) may start there
 *       on a background thread ({@link com.billrun.aws.Background}), to overlap with the clients' build.</li>
 *   <li>Every setting is an environment variable named in {@code template.yaml}; the handler reads it from the
 *       {@code env} map, never from {@code System.getenv()} directly, because the local runner hosts all
 *       functions in one JVM and gives each its own map.</li>
 *   <li>Endpoints: {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SESV2},
 *       {@code AWS_ENDPOINT_URL_SFN} point at the stand-ins locally and are absent on AWS.</li>
 * </ul>
 */
package com.billrun.aws;
