package com.billrun.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The repository root: {@code -Dbillrun.root} (the launcher sets it) or the nearest parent holding infra/local. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Optional<Path> find() {
        String configured = System.getProperty("billrun.root");
        if (configured != null) {
            return Optional.of(Path.of(configured).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/local"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
