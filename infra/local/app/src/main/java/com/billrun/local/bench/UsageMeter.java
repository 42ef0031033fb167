package com.billrun.local.bench;

import com.billrun.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What the AWS calls of the bench cost, counted as AWS bills them, per caller (the function that built the client,
 * from the {@code AWS_LAMBDA_FUNCTION_NAME} Lambda puts in its environment; {@code local-runtime} for the local
 * runtime's own clients: the SQS event source poller and the Step Functions engine's SQS tasks):
 * <ul>
 *   <li>DynamoDB: every request that accepts it is sent with {@code ReturnConsumedCapacity=TOTAL} and the
 *       response's consumed read and write units are summed (DynamoDB Local computes them as AWS does for single
 *       items and batches, a write to an indexed item included: UsageMeterTest checks it). Transactions are the
 *       exception: whatever a {@code TransactWriteItems} holds, DynamoDB Local reports four times the units of
 *       one of its items (UsageMeterTest shows it), so the meter computes them as AWS bills them ({@link TransactionWriteUnits}): two write
 *       units per KB of each item written (prepare and commit) plus one per KB for each global secondary index
 *       entry it writes (two for an index whose key the write changes: a delete and a put); an updated item's size and
 *       indexes are read back after the transaction with one uncounted BatchGetItem. A request DynamoDB refuses (a failed condition, a cancelled transaction) returns no consumed capacity and
 *       is counted only as a refused call: AWS still bills a failed conditional write.</li>
 *   <li>SQS: one request per 64 KiB chunk of its payload (a batch's bodies summed; a receive's messages summed),
 *       at least one, empty receives included.</li>
 *   <li>SES: one email per {@code SendEmail}.</li>
 * </ul>
 * {@link #install()} makes every AWS client built afterwards through {@link AwsClients} report here.
 */
final class UsageMeter implements AwsClients.ClientMeter {

    static final String RUNTIME = "local-runtime";
    private static final long SQS_CHUNK = 64 * 1024;

    /** A running total of one measure of one caller. */
    private final Map<String, Map<String, DoubleAdder>> totals = new ConcurrentHashMap<>();
    /**
     * Write units per partition key, of every write metered: the table's ({@code table T#t#RUN#r#ACCT#3}) and each
     * index's ({@code GSI2 T#t#RUN#r#INV#3}), as {@link TransactionWriteUnits} attributes them: a key that takes a
     * whole run's writes is held to one partition's 1,000 write units a second on AWS.
     */
    private final Map<String, DoubleAdder> keyWrites = new ConcurrentHashMap<>();

    /** A copy of the write units per partition key so far ({@code table <key>} or {@code <index> <key>}). */
    Map<String, Double> keyWrites() {
        Map<String, Double> copy = new java.util.HashMap<>();
        keyWrites.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }

    private void keyWritten(String tableOrIndex, String key, double units) {
        keyWrites.computeIfAbsent(tableOrIndex + " " + key, k -> new DoubleAdder()).add(units);
    }

    static UsageMeter install() {
        UsageMeter meter = new UsageMeter();
        AwsClients.meterClients(meter);
        return meter;
    }

    void uninstall() {
        AwsClients.meterClients(null);
    }

    @Override
    public ExecutionInterceptor interceptorFor(String service, Map<String, String> env) {
        String caller = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", RUNTIME);
        return new Interceptor(caller, service.equals("dynamodb") ? TransactionWriteUnits.forEndpoint(env) : null);
    }

    void add(String caller, String measure, double amount) {
        totals.computeIfAbsent(caller, c -> new ConcurrentHashMap<>()).computeIfAbsent(measure, m -> new DoubleAdder()).add(amount);
    }

    /** A copy of every caller's totals so far: caller → measure → amount. */
    Map<String, Map<String, Double>> snapshot() {
        Map<String, Map<String, Double>> copy = new TreeMap<>();
        totals.forEach((caller, measures) -> {
            Map<String, Double> values = new TreeMap<>();
            measures.forEach((measure, adder) -> values.put(measure, adder.sum()));
            copy.put(caller, values);
        });
        return copy;
    }

    private final class Interceptor implements ExecutionInterceptor {

        private final String caller;
        /** Transactions' units, and the partition keys of every write. */
        private final TransactionWriteUnits transactions;

        Interceptor(String caller, TransactionWriteUnits transactions) {
            this.caller = caller;
            this.transactions = transactions;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            var total = ReturnConsumedCapacity.TOTAL;
            return switch (context.request()) {
                case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case ScanRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
                default -> context.request();
            };
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            SdkResponse response = context.response();
            String operation = request.getClass().getSimpleName().replace("Request", "");
            switch (response) {
                case GetItemResponse r -> read(r.consumedCapacity());
                case QueryResponse r -> {
                    read(r.consumedCapacity());
                    add(caller, "dynamodb.itemsRead", r.scannedCount());
                }
                case ScanResponse r -> {
                    read(r.consumedCapacity());
                    add(caller, "dynamodb.itemsRead", r.scannedCount());
                }
                case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> read(c));
                case TransactGetItemsResponse r -> r.consumedCapacity().forEach(c -> read(c));
                case PutItemResponse r -> {
                    write(r.consumedCapacity());
                    transactions.keysOf(request, r, UsageMeter.this::keyWritten);
                }
                case UpdateItemResponse r -> {
                    write(r.consumedCapacity());
                    transactions.keysOf(request, r, UsageMeter.this::keyWritten);
                }
                case DeleteItemResponse r -> {
                    write(r.consumedCapacity());
                    transactions.keysOf(request, r, UsageMeter.this::keyWritten);
                }
                case BatchWriteItemResponse r -> {
                    r.consumedCapacity().forEach(c -> write(c));
                    transactions.keysOf(request, r, UsageMeter.this::keyWritten);
                }
                case TransactWriteItemsResponse r -> {
                    TransactWriteItemsRequest transaction = (TransactWriteItemsRequest) request;
                    add(caller, "dynamodb.wcu", transactions.of(transaction,
                            (kind, amount) -> add(caller, "dynamodb.transactWrites." + kind, amount),
                            UsageMeter.this::keyWritten));
                    add(caller, "dynamodb.transactionItems", transaction.transactItems().size());
                    r.consumedCapacity().forEach(c -> add(caller, "dynamodb.localReportedTransactionWcu",
                            units(c, c.writeCapacityUnits())));
                }
                default -> {
                }
            }
            if (request.getClass().getName().contains(".dynamodb.")) {
                add(caller, "dynamodb.calls." + operation, 1);
            }
            sqs(request, response);
            if (request instanceof SendEmailRequest) {
                add(caller, "ses.emails", 1);
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            String name = context.request().getClass().getName();
            if (name.contains(".dynamodb.")) {
                add(caller, "dynamodb.refused." + context.request().getClass().getSimpleName().replace("Request", ""), 1);
            }
        }

        private void read(ConsumedCapacity capacity) {
            if (capacity != null) {
                add(caller, "dynamodb.rcu", units(capacity, capacity.readCapacityUnits()));
            }
        }

        private void write(ConsumedCapacity capacity) {
            if (capacity != null) {
                add(caller, "dynamodb.wcu", units(capacity, capacity.writeCapacityUnits()));
            }
        }

        /** The split figure when DynamoDB gives it, else the total (which TOTAL always carries). */
        private static double units(ConsumedCapacity capacity, Double split) {
            return split != null ? split : capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
        }

        private void sqs(SdkRequest request, SdkResponse response) {
            if (!request.getClass().getName().contains(".sqs.")) {
                return;
            }
            long payload = switch (request) {
                case SendMessageRequest r -> r.messageBody().length();
                case SendMessageBatchRequest r -> r.entries().stream().mapToLong(e -> e.messageBody().length()).sum();
                default -> response instanceof ReceiveMessageResponse received
                        ? received.messages().stream().mapToLong(m -> m.body().length()).sum() : 0;
            };
            long requests = Math.max(1, (payload + SQS_CHUNK - 1) / SQS_CHUNK);
            add(caller, "sqs.requests", requests);
            add(caller, "sqs.calls." + request.getClass().getSimpleName().replace("Request", ""), 1);
        }
    }

    /** The measures this meter writes, for the units file's readers. */
    static final List<String> MEASURES = List.of("dynamodb.rcu", "dynamodb.wcu", "sqs.requests", "ses.emails");
}
