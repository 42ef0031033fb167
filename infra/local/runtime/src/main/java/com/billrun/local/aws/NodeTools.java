package com.billrun.local.aws;

import com.billrun.local.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the npm tools of the local runtime are: {@code infra/local/node/node_modules}, installed by
 * {@code ./billrun setup} from the pinned lockfile, and the {@code node} binary on the PATH.
 */
record NodeTools(Path node, Path nodeModules) {

    static NodeTools locate() {
        Path modules = ProjectRoot.find()
                .map(root -> root.resolve("infra/local/node/node_modules"))
                .filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException(
                        "infra/local/node/node_modules not found: run ./billrun setup (npm ci) first"));
        Path node = onPath("node").orElseThrow(() -> new IllegalStateException(
                "node is not on the PATH; the local SES (aws-ses-v2-local) needs Node.js 18+"));
        return new NodeTools(node, modules);
    }

    Path sesModule() {
        Path module = nodeModules.resolve("aws-ses-v2-local");
        if (!Files.isDirectory(module)) {
            throw new IllegalStateException(module + " is missing: run ./billrun setup");
        }
        return module;
    }

    private static Optional<Path> onPath(String binary) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
