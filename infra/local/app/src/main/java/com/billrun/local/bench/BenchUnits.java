package com.billrun.local.bench;

import com.billrun.local.lambda.LambdaRunner;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one {@code ./billrun bench} consumed, phase by phase, as AWS would bill it: the machine-readable units file
 * the bench writes ({@code infra/local/app/target/bench-units.json}) and {@code ./billrun capacity} reads (or, when
 * there is none, the reference copy measured on the build machine, {@code docs/bench-units.json}).
 *
 * @param measuredAt when the bench ran (UTC)
 * @param machine    the machine and its load average before and after, as {@code uptime} gives it
 * @param accounts   accounts seeded and selected
 * @param invoices   invoices generated (and posted)
 * @param batchSize  accounts per batch (the template's AccountBatchSize)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchUnits(String measuredAt, String machine, int accounts, long invoices, int batchSize,
                  Phase generate, Phase post) {

    /** The functions whose calls are not the run's: the bench polls the run's status through the API. */
    static final Set<String> NOT_THE_RUN = Set.of("ApiFunction");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One phase's consumption (all functions but {@link #NOT_THE_RUN}, and the local runtime's own calls made for
     * AWS services: the SQS event source's receives and deletes, Step Functions' SendMessage tasks).
     *
     * @param stateTransitions null when not counted
     * @param hottestKey       the partition key, the table's ({@code table ...}) or an index's ({@code GSI2 ...}),
     *                         that took the most write units in the phase (its tenant and run ids as they were in the
     *                         bench), and those units: on AWS one partition key is held to 1,000 write units a second
     *                         until DynamoDB splits it. Units files written before the table's keys were metered
     *                         name only index keys, as {@code hottestIndexKey}: read as this.
     * @param lambda           per function: memory size (template.yaml), invocations, billed milliseconds
     * @param dynamoDbByCaller per caller: {@code rcu}, {@code wcu}, {@code itemsRead}, calls per operation
     * @param excluded         what {@link #NOT_THE_RUN} consumed meanwhile (not in the figures above)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Phase(double seconds, double readUnits, double writeUnits, double itemsRead, double transactionItems,
                 double sqsRequests, double sesEmails, Long stateTransitions,
                 @JsonAlias("hottestIndexKey") String hottestKey,
                 @JsonAlias("hottestIndexKeyWriteUnits") double hottestKeyWriteUnits, Map<String, LambdaUse> lambda,
                 Map<String, Map<String, Double>> dynamoDbByCaller, Map<String, Map<String, Double>> excluded) {

        long invocations() {
            return lambda.values().stream().mapToLong(LambdaUse::invocations).sum();
        }

        double gbSeconds() {
            return lambda.values().stream().mapToDouble(LambdaUse::gbSeconds).sum();
        }
    }

    record LambdaUse(int memoryMb, long invocations, long billedMs) {

        double gbSeconds() {
            return memoryMb / 1024.0 * billedMs / 1000.0;
        }
    }

    /** Everything counted so far, at one instant. */
    record Snapshot(long nanos, Map<String, Map<String, Double>> meter, Map<String, LambdaRunner.InvocationTotals> lambda,
                    OptionalLong transitions, Map<String, Double> partitionKeys) {

        static Snapshot take(UsageMeter meter, LambdaRunner runner, StateTransitions transitions) {
            return new Snapshot(System.nanoTime(), meter.snapshot(), runner.invocationTotals(), transitions.total(),
                    meter.keyWrites());
        }

        /** What was consumed between {@code before} and this snapshot. */
        Phase since(Snapshot before) {
            Map<String, Map<String, Double>> run = new TreeMap<>();
            Map<String, Map<String, Double>> excluded = new TreeMap<>();
            meter.forEach((caller, measures) -> {
                Map<String, Double> delta = new TreeMap<>();
                Map<String, Double> earlier = before.meter().getOrDefault(caller, Map.of());
                measures.forEach((measure, value) -> {
                    double d = value - earlier.getOrDefault(measure, 0.0);
                    if (d != 0) {
                        delta.put(measure, d);
                    }
                });
                if (!delta.isEmpty()) {
                    (NOT_THE_RUN.contains(caller) ? excluded : run).put(caller, delta);
                }
            });
            Map<String, LambdaUse> functions = new TreeMap<>();
            lambda.forEach((name, totals) -> {
                var earlier = before.lambda().get(name);
                long invocations = totals.invocations() - (earlier == null ? 0 : earlier.invocations());
                long ms = totals.billedMillis() - (earlier == null ? 0 : earlier.billedMillis());
                if (invocations > 0 && !NOT_THE_RUN.contains(name)) {
                    functions.put(name, new LambdaUse(totals.memoryMb(), invocations, ms));
                } else if (invocations > 0) {
                    excluded.computeIfAbsent(name, n -> new TreeMap<>()).put("lambda.invocations", (double) invocations);
                }
            });
            Map<String, Map<String, Double>> dynamoDb = new TreeMap<>();
            run.forEach((caller, measures) -> {
                Map<String, Double> own = new TreeMap<>();
                measures.forEach((measure, value) -> {
                    if (measure.startsWith("dynamodb.")) {
                        own.put(measure.substring("dynamodb.".length()), value);
                    }
                });
                if (!own.isEmpty()) {
                    dynamoDb.put(caller, own);
                }
            });
            Long transitionCount = transitions.isPresent() && before.transitions().isPresent()
                    ? transitions.getAsLong() - before.transitions().getAsLong() : null;
            String hottest = null;
            double hottestUnits = 0;
            for (var key : partitionKeys.entrySet()) {
                double units = key.getValue() - before.partitionKeys().getOrDefault(key.getKey(), 0.0);
                if (units > hottestUnits) {
                    hottest = key.getKey();
                    hottestUnits = units;
                }
            }
            return new Phase((nanos - before.nanos()) / 1e9, sum(run, "dynamodb.rcu"), sum(run, "dynamodb.wcu"),
                    sum(run, "dynamodb.itemsRead"), sum(run, "dynamodb.transactionItems"), sum(run, "sqs.requests"),
                    sum(run, "ses.emails"), transitionCount, hottest, hottestUnits, functions, dynamoDb, excluded);
        }

        private static double sum(Map<String, Map<String, Double>> callers, String measure) {
            return callers.values().stream().mapToDouble(m -> m.getOrDefault(measure, 0.0)).sum();
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static BenchUnits read(Path file) {
        try {
            return JSON.readValue(file.toFile(), BenchUnits.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the units file " + file, e);
        }
    }
}
