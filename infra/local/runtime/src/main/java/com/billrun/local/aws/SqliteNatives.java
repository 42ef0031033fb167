package com.billrun.local.aws;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DynamoDB Local stores tables in SQLite through sqlite4java's JNI library, which Maven ships as a separate
 * {@code .so} artifact that sqlite4java only finds through {@code sqlite4java.library.path}. The build copies
 * it to {@code target/lib}; this class points the property there when nobody set it.
 */
final class SqliteNatives {

    static final String PROPERTY = "sqlite4java.library.path";
    private static final String LIBRARY_PREFIX = "libsqlite4java-linux-amd64";

    private SqliteNatives() {
    }

    static void locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && containsLibrary(Path.of(configured))) {
            return;
        }
        Path folder = candidates()
                .filter(SqliteNatives::containsLibrary)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("""
                        DynamoDB Local needs the sqlite4java native library (%s*.so) and none was found.
                        Build the runtime module (mvn -pl infra/local/runtime package) or set -D%s=<folder>."""
                        .formatted(LIBRARY_PREFIX, PROPERTY)));
        System.setProperty(PROPERTY, folder.toString());
    }

    private static Stream<Path> candidates() {
        Stream<Path> classpathFolders = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> entry.contains(LIBRARY_PREFIX))
                .map(entry -> Path.of(entry).getParent());
        Stream<Path> buildFolders = Stream.of(
                        Optional.ofNullable(System.getProperty("billrun.root")).map(root -> Path.of(root, "infra/local/runtime/target/lib")),
                        Optional.of(Path.of("target/lib")),
                        Optional.of(Path.of("infra/local/runtime/target/lib")))
                .flatMap(Optional::stream);
        return Stream.concat(classpathFolders, buildFolders);
    }

    private static boolean containsLibrary(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(LIBRARY_PREFIX));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
