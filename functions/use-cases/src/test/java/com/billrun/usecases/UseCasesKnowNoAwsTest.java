package com.billrun.usecases;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The use cases speak the engine's and the store's language only: no AWS SDK or Lambda type, no handler, no JSON
 * library. Their pom cannot show it (the store they use is built on the AWS SDK), so this reads their sources.
 */
class UseCasesKnowNoAwsTest {

    private static final Path SOURCES = Path.of(System.getProperty("billrun.root", "../.."),
            "functions/use-cases/src/main/java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(software\\.amazon|com\\.amazonaws|com\\.fasterxml|com\\.billrun\\.functions"
                    + "|com\\.billrun\\.adapters|com\\.billrun\\.aws|com\\.billrun\\.local|com\\.billrun\\.store\\.dynamodb)\\b.*",
            Pattern.MULTILINE);

    @Test
    void noUseCaseImportsAnAwsHandlerOrPlumbingType() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertFalse(sources.isEmpty(), "no sources under " + SOURCES);
            offenders = sources.stream().flatMap(UseCasesKnowNoAwsTest::forbiddenImports).toList();
        }
        assertTrue(offenders.isEmpty(), "use cases must not import AWS, handler or plumbing types: " + offenders);
    }

    @Test
    void theCheckRecognisesAnAwsImport() {
        assertTrue(FORBIDDEN.matcher("import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;").find());
        assertTrue(FORBIDDEN.matcher("import com.billrun.store.dynamodb.Table;").find());
        assertFalse(FORBIDDEN.matcher("import com.billrun.store.BillRun;").find());
    }

    private static Stream<String> forbiddenImports(Path source) {
        try {
            return FORBIDDEN.matcher(Files.readString(source)).results()
                    .map(match -> SOURCES.relativize(source) + ": " + match.group().strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source, e);
        }
    }
}
