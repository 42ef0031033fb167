package com.billrun.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child side of {@code ./billrun bench-cold-init}: runs in a fresh JVM whose classpath is only the shaded
 * billrun-lambdas.jar, this probe and aws-lambda-java-serialization (which the Lambda Java runtime brings
 * itself), with the function's environment as the process environment. It does what the Lambda runtime does on
 * a cold start: loads the handler class, builds it with its no-arg constructor (reading System.getenv()),
 * reads the sample event into the handler's input type, calls {@code handleRequest} once and writes the result.
 *
 * <p>It must reference nothing but the JDK, aws-lambda-java-core and aws-lambda-java-serialization. That is why it
 * repeats the few lines of the runtime's {@code HandlerAdapter} and {@code LocalContext} instead of calling them:
 * loading the local runtime's classes into the child would distort the class-loading time it measures.
 * Arguments: handler class, event file, the parent's {@code System.currentTimeMillis()} just before it spawned
 * this process, optionally the function's memory in MB. Prints one line: {@code COLD_INIT main_ms=.. init_ms=.. first_event_ms=.. outcome=..}.
 */
public final class ColdInitProbe {

    static final String MARKER = "COLD_INIT ";
    /** The nested classes of this probe, copied next to it for the child's classpath. */
    static final String[] CLASS_FILES = {"ColdInitProbe.class", "ColdInitProbe$MinimalContext.class",
            "ColdInitProbe$StdoutLogger.class"};

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final Pattern ITEM_FAILURES = Pattern.compile("\"batchItemFailures\"\\s*:\\s*\\[\\s*\\{");

    private ColdInitProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long spawnedAt = Long.parseLong(args[2]);
        long mainAt = System.currentTimeMillis();
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler;
        try {
            handler = handlerClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            report(spawnedAt, mainAt, -1, -1, "init failed: " + describe(e.getCause()));
            System.exit(3);
            return;
        }
        long constructedAt = System.currentTimeMillis();
        byte[] payload = Files.readAllBytes(Path.of(args[1]));
        int memoryMb = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        Context context = new MinimalContext(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME",
                handlerClass.getSimpleName()), memoryMb);
        String outcome;
        try {
            String result;
            if (handler instanceof RequestStreamHandler stream) {
                var out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(payload), out, context);
                result = out.toString(StandardCharsets.UTF_8);
            } else {
                Type[] types = requestHandlerTypes(handlerClass);
                Object event = serializerFor(rawClass(types[0])).fromJson(new ByteArrayInputStream(payload));
                Object answer = ((RequestHandler<Object, Object>) handler).handleRequest(event, context);
                var out = new ByteArrayOutputStream();
                if (answer != null) {
                    serializerFor(rawClass(types[1])).toJson(answer, out);
                }
                result = out.toString(StandardCharsets.UTF_8);
            }
            outcome = classify(result);
        } catch (Throwable domainOrOther) {
            outcome = "error: " + describe(domainOrOther);
        }
        report(spawnedAt, mainAt, constructedAt, System.currentTimeMillis(), outcome);
        System.out.flush();
        // Handlers may leave non-daemon threads (SDK HTTP pools); a Lambda environment would be frozen here.
        System.exit(0);
    }

    private static void report(long spawnedAt, long mainAt, long constructedAt, long handledAt, String outcome) {
        System.out.println(MARKER + "main_ms=" + (mainAt - spawnedAt)
                + " init_ms=" + (constructedAt < 0 ? -1 : constructedAt - spawnedAt)
                + " first_event_ms=" + (handledAt < 0 ? -1 : handledAt - spawnedAt)
                + " outcome=" + outcome.replace('\n', ' ').replace('\r', ' '));
    }

    /** OK, or what the answer says went wrong (an HTTP error status, SQS batch item failures). */
    static String classify(String result) {
        Matcher status = STATUS.matcher(result);
        if (status.find() && Integer.parseInt(status.group(1)) >= 400) {
            return "error: HTTP " + status.group(1);
        }
        if (ITEM_FAILURES.matcher(result).find()) {
            return "error: batchItemFailures " + result.substring(0, Math.min(160, result.length()));
        }
        return "OK";
    }

    private static String describe(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + message.substring(0, Math.min(160, message.length()));
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** A Lambda context with what handlers read: names, a request id, the time left, a logger. */
    static final class MinimalContext implements Context {
        private final String functionName;
        private final int memoryMb;
        private final long deadline = System.currentTimeMillis() + 900_000;

        MinimalContext(String functionName, int memoryMb) {
            this.functionName = functionName;
            this.memoryMb = memoryMb;
        }

        @Override
        public String getAwsRequestId() {
            return "cold-init-probe-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "cold-init-probe";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + System.getenv().getOrDefault("AWS_REGION", "us-east-1") + ":000000000000:function:"
                    + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return memoryMb;
        }

        @Override
        public LambdaLogger getLogger() {
            return StdoutLogger.INSTANCE;
        }
    }

    static final class StdoutLogger implements LambdaLogger {
        static final StdoutLogger INSTANCE = new StdoutLogger();

        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    }
}
