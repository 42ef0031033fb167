package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.billrun.local.sfn.definition.DefinitionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every definition under infra/statemachine loads in the local engine (asl-validator checks the ASL grammar; this
 * checks that the local runtime can run it), with a plausible value for each ${Placeholder}.
 */
class AllDefinitionsLoadTest {
    private static final Path STATE_MACHINES = Path.of("../../statemachine");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    @TestFactory
    Stream<DynamicTest> everyDefinitionLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(STATE_MACHINES)) {
            files = walk.filter(path -> path.toString().endsWith(".asl.json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no definitions found under " + STATE_MACHINES.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(STATE_MACHINES.relativize(file).toString(), () -> {
            String definition = Files.readString(file);
            assertDoesNotThrow(() -> DefinitionLoader.load(definition, plausibleValues(definition)));
        }));
    }

    private static Map<String, String> plausibleValues(String definition) {
        Map<String, String> values = new HashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            String name = matcher.group(1);
            values.put(name, name.endsWith("Url") ? "http://127.0.0.1:9324/000000000000/" + name
                    : "arn:aws:lambda:us-east-1:123456789012:function:" + name + ":live");
        }
        return values;
    }
}
