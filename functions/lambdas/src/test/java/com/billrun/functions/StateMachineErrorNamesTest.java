package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The state machines' Retry and Catch match Lambda errors by the Java class name the Lambda runtime reports as
 * {@code errorType}. A class renamed or moved would silently stop matching (the retry or the error path would
 * never run), so every such name in every definition must be a throwable class on the functions' classpath.
 */
class StateMachineErrorNamesTest {

    /** A fully qualified Java class name: lower-case package segments, then the class. */
    private static final Pattern JAVA_CLASS = Pattern.compile("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
    private static final Path STATE_MACHINES = Path.of(System.getProperty("billrun.root", "../.."), "infra/statemachine");

    @Test
    void everyJavaExceptionNamedInARetryOrCatchExists() throws IOException {
        List<String> missing = new ArrayList<>();
        TreeSet<String> named = new TreeSet<>();
        for (Path definition : definitions()) {
            collectErrorNames(new ObjectMapper().readTree(definition.toFile()), named);
        }
        // States.* are Step Functions' own; Lambda.* and SQS.* are the service integrations' error names.
        named.removeIf(name -> !JAVA_CLASS.matcher(name).matches());
        assertFalse(named.isEmpty(), "the bill run retries at least one Java exception by name");
        for (String name : named) {
            try {
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                assertTrue(Throwable.class.isAssignableFrom(type), name + " is not an exception");
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "state machines name exception classes that do not exist: " + missing);
    }

    private static List<Path> definitions() throws IOException {
        try (Stream<Path> files = Files.walk(STATE_MACHINES)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".asl.json"))
                    .filter(f -> !f.toString().contains("samples")).toList();
            assertFalse(found.isEmpty(), "no definition under " + STATE_MACHINES);
            return found;
        }
    }

    /** Every string of every ErrorEquals array, at any depth (Map and Parallel branches included). */
    private static void collectErrorNames(JsonNode node, TreeSet<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("ErrorEquals")) {
                    field.getValue().forEach(error -> into.add(error.asText()));
                } else {
                    collectErrorNames(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectErrorNames(child, into));
        }
    }
}
