package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.billrun.local.template.SamTemplate.Resource;
import java.lang.reflect.InvocationTargetException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Looks at a handler class the way Lambda will: by the name template.yaml gives, through its env constructor. */
final class HandlerProbe {

    private HandlerProbe() {
    }

    static Class<?> handlerClass(Resource function) {
        String name = String.valueOf(function.properties().get("Handler")).split("::")[0];
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return fail(function.logicalId() + ": handler class " + name + " does not exist");
        }
    }

    static boolean isLambdaHandler(Class<?> handler) {
        boolean handles = RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler);
        try {
            handler.getConstructor();
            handler.getConstructor(Map.class);
            return handles;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * The variables the handler's constructor asks for. Every one gets a plausible value (a number where the
     * template gives a number), so the constructor runs as it would on Lambda; Lambda's own AWS_* are reserved.
     */
    static Set<String> variablesRead(Class<?> handler) {
        RecordingEnvironment env = new RecordingEnvironment();
        try {
            handler.getConstructor(Map.class).newInstance(env);
        } catch (InvocationTargetException e) {
            fail(handler.getName() + " failed to start with the template's variables: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            fail(handler.getName() + " cannot be built from an env map", e);
        }
        Set<String> read = new TreeSet<>(env.read);
        read.removeIf(name -> name.startsWith("AWS_") || name.startsWith("_"));
        return read;
    }

    private static final class RecordingEnvironment extends AbstractMap<String, String> {

        private final Set<String> read = new TreeSet<>();

        @Override
        public String get(Object key) {
            String name = String.valueOf(key);
            read.add(name);
            return switch (name) {
                case "AWS_REGION" -> "us-east-1";
                case "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" -> "probe";
                default -> name.startsWith("AWS_") ? null : name.endsWith("_SIZE") ? "500"
                        : name.endsWith("_URL") ? "https://example.com/" + name : "probe-" + name;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
