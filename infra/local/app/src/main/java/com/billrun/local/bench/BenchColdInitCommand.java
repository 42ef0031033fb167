package com.billrun.local.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.billrun.local.CliCommand;
import com.billrun.local.CliOptions;
import com.billrun.local.LocalFunctions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ProjectRoot;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.template.TemplateWiring;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./billrun bench-cold-init [--runs N]} (3 by default): each function's cold init (the ≤ 1.5 s target of the README).
 *
 * <p>Starts the embedded stack and template.yaml's wiring once, here; then, for every function and run, a fresh
 * JVM (this JDK, {@code -XX:TieredStopAtLevel=1} as template.yaml's JAVA_TOOL_OPTIONS, serial GC and a heap
 * from the function's memory as on Lambda) with only the shaded billrun-lambdas.jar, {@link ColdInitProbe} and
 * aws-lambda-java-serialization on its classpath and exactly the function's resolved environment as its process
 * environment, so that the handler's no-arg constructor reads System.getenv() as on AWS. Times are from the
 * parent's clock just before the spawn: {@code init_ms} to the handler constructed, {@code first_event_ms} to
 * its first {@code handleRequest} (the function's sample event from {@code events/<package>/}) returned. Before
 * each start, what the sample names is seeded ({@link SampleEventState}: a tenant of its own with the accounts, the
 * run brought to the status the function expects), so that the timing covers the function's real work.
 * Prints the median of the runs per function (the run with the median first_event_ms) and the jar's size.
 */
public final class BenchColdInitCommand implements CliCommand {

    static final int DEFAULT_RUNS = 3;
    static final String JAR = "functions/lambdas/target/billrun-lambdas.jar";
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    record Sample(long mainMs, long initMs, long firstEventMs, String outcome) {
    }

    @Override
    public String name() {
        return "bench-cold-init";
    }

    @Override
    public int run(CliOptions options) throws Exception {
        int runs = options.intValue("runs", DEFAULT_RUNS);
        Path root = ProjectRoot.find().orElseThrow(() -> new IllegalStateException("run from the repository (template.yaml not found)"));
        Path jar = root.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench-cold-init: " + jar + " is missing; build it with: mvn -B -ntp -q -pl functions/lambdas package -DskipTests");
            return 2;
        }
        Path probeDir = Files.createTempDirectory("billrun-cold-init");
        try (EmbeddedAws stack = EmbeddedAws.start(); LocalRuntime runtime = new LocalRuntime(stack)) {
            TemplateWiring.Result wired = LocalFunctions.register(runtime)
                    .orElseThrow(() -> new IllegalStateException("template.yaml not found (run from the repository)"));
            String classpath = String.join(java.io.File.pathSeparator, jar.toString(), copyProbe(probeDir).toString(),
                    codeSource(LambdaEventSerializers.class));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            System.out.printf(Locale.ROOT, "billrun-lambdas.jar: %.1f MB (%,d bytes); JDK %s; %d runs per function, median shown%n",
                    Files.size(jar) / 1_048_576.0, Files.size(jar), System.getProperty("java.version"), runs);
            System.out.printf(Locale.ROOT, "%-24s %-58s %8s %8s %15s  %s%n", "function", "handler", "jvm_ms", "init_ms",
                    "first_event_ms", "sample event -> outcome");
            Map<String, Path> events = new LinkedHashMap<>();
            int failed = sampleEvents(runtime, root, wired.functions(), events);
            Map<String, List<Sample>> samples = measure(runtime, root, java, classpath, probeDir, events, runs);
            failed += report(runtime, root, events, samples);
            return failed == 0 ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(probeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each function's sample event (events/{package}/...); a function without one is reported and counted as failed. */
    private static int sampleEvents(LocalRuntime runtime, Path root, List<String> functions, Map<String, Path> events)
            throws IOException {
        int failed = 0;
        for (String function : functions) {
            String handler = runtime.runner().spec(function).handlerClass().getName();
            Path event = sampleEvent(root, handler);
            if (event == null) {
                System.out.printf(Locale.ROOT, "%-24s %-58s  no sample event under events/%s/%n", function, handler,
                        packageName(handler));
                failed++;
            } else {
                events.put(function, event);
            }
        }
        return failed;
    }

    /**
     * Rounds over all functions rather than N in a row, after one untimed start: the parent's own warm-up (JIT of
     * DynamoDB Local and ElasticMQ, page cache of the jar) then weighs on no function in particular. What each event
     * names is seeded before its spawn, outside the timing, under a tenant of its own.
     */
    private static Map<String, List<Sample>> measure(LocalRuntime runtime, Path root, String java, String classpath,
                                                     Path probeDir, Map<String, Path> events, int runs)
            throws IOException, InterruptedException {
        SampleEventState state = new SampleEventState(runtime, root, Files.createDirectories(probeDir.resolve("events")));
        int seeded = 0;
        if (!events.isEmpty()) {
            var first = events.entrySet().iterator().next();
            FunctionSpec spec = runtime.runner().spec(first.getKey());
            spawn(java, classpath, spec, state.prepare(packageName(spec.handlerClass().getName()), first.getValue(), seeded++));
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (var entry : events.entrySet()) {
                FunctionSpec spec = runtime.runner().spec(entry.getKey());
                Path event = state.prepare(packageName(spec.handlerClass().getName()), entry.getValue(), seeded++);
                Sample sample = spawn(java, classpath, spec, event);
                String run = state.runAfter(seeded - 1);
                samples.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(new Sample(sample.mainMs(),
                        sample.initMs(), sample.firstEventMs(), sample.outcome() + " (run then: " + run + ")"));
            }
        }
        return samples;
    }

    /** One line per function with the medians, one with every run; returns how many functions failed to start. */
    private static int report(LocalRuntime runtime, Path root, Map<String, Path> events, Map<String, List<Sample>> samples) {
        int failed = 0;
        for (var entry : samples.entrySet()) {
            String handler = runtime.runner().spec(entry.getKey()).handlerClass().getName();
            Sample median = median(entry.getValue());
            if (median.initMs() < 0) {
                failed++;
            }
            System.out.printf(Locale.ROOT, "%-24s %-58s %8d %8d %15d  %s -> %s%n", entry.getKey(), handler,
                    median.mainMs(), median.initMs(), median.firstEventMs(),
                    root.resolve("events").relativize(events.get(entry.getKey())), median.outcome());
            System.out.printf(Locale.ROOT, "%-24s   runs init_ms %s, first_event_ms %s%n", "",
                    entry.getValue().stream().map(s -> Long.toString(s.initMs())).toList(),
                    entry.getValue().stream().map(s -> Long.toString(s.firstEventMs())).toList());
        }
        return failed;
    }

    /** One cold start: a fresh JVM, the function's environment and nothing else, the probe's one line back. */
    static Sample spawn(String java, String classpath, FunctionSpec spec, Path event) throws IOException, InterruptedException {
        long heapMb = Math.max(64, spec.memoryMb() * 85L / 100);
        var command = List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx" + heapMb + "m", "-cp", classpath, ColdInitProbe.class.getName(), spec.handlerClass().getName(),
                event.toString(), "", Integer.toString(spec.memoryMb()));
        var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.putAll(spec.env());
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        if (path != null) {
            env.put("PATH", path);
        }
        long spawnedAt = System.currentTimeMillis();
        builder.command().set(command.size() - 2, Long.toString(spawnedAt));
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        String[] result = new String[1];
        // Read on another thread, so that a hung handler ends at the timeout rather than blocking the bench.
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith(ColdInitProbe.MARKER)) {
                        result[0] = line.substring(ColdInitProbe.MARKER.length());
                    } else {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > 15) {
                                tail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was destroyed
            }
        });
        boolean exited = process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        if (result[0] == null) {
            String lastLines;
            synchronized (tail) {
                lastLines = String.join(" | ", tail);
            }
            return new Sample(-1, -1, -1, "no result (" + (exited ? "exit " + process.exitValue() : "timeout") + "): "
                    + lastLines);
        }
        return parse(result[0]);
    }

    static Sample parse(String line) {
        String[] parts = line.split(" ", 4);
        return new Sample(value(parts[0]), value(parts[1]), value(parts[2]), parts[3].substring("outcome=".length()));
    }

    private static long value(String keyValue) {
        return Long.parseLong(keyValue.substring(keyValue.indexOf('=') + 1));
    }

    /** The run with the median first_event_ms (its init_ms and outcome with it, so a line is one real run). */
    static Sample median(List<Sample> samples) {
        List<Sample> sorted = samples.stream().sorted(Comparator.comparingLong(Sample::firstEventMs)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The function's sample event: {@code events/<last package segment of the handler>/}; a read-only one
     * ({@code get-*}) when there are several, so that the bench leaves no bill runs behind, else the first by name.
     */
    static Path sampleEvent(Path root, String handlerClass) throws IOException {
        Path dir = root.resolve("events").resolve(packageName(handlerClass));
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> events = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            return events.stream().filter(p -> p.getFileName().toString().startsWith("get-")).findFirst()
                    .orElse(events.isEmpty() ? null : events.get(0));
        }
    }

    private static String packageName(String className) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** The probe's class files alone in a directory: the child gets nothing else of the local runtime. */
    static Path copyProbe(Path dir) throws IOException {
        Path target = dir.resolve(ColdInitProbe.class.getPackageName().replace('.', '/'));
        Files.createDirectories(target);
        for (String file : ColdInitProbe.CLASS_FILES) {
            try (InputStream in = ColdInitProbe.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("probe class file " + file + " not found");
                }
                Files.copy(in, target.resolve(file));
            }
        }
        return dir;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
