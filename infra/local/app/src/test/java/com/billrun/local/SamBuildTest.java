package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam build}: every function is built by the Makefile at the global CodeUri ({@code BuildMethod: makefile}),
 * whose {@code build-<LogicalId>} target puts the shaded jar in the function's lib/. There is no SAM CLI here, so
 * this asks make what it would do ({@code make -n}: nothing is built).
 */
class SamBuildTest {

    private static final Path ROOT = ProjectRoot.find().orElseThrow().normalize();

    @Test
    void everyFunctionIsBuiltByTheMakefileIntoLib(@TempDir Path artifacts) throws Exception {
        SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
        String yaml = Files.readString(ROOT.resolve("template.yaml"));
        Path codeUri = ROOT.resolve(String.valueOf(template.functionGlobals().get("CodeUri")));
        assertTrue(Files.isRegularFile(codeUri.resolve("Makefile")), "CodeUri " + codeUri + " holds the Makefile");
        List<SamTemplate.Resource> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertTrue(functions.size() >= 10, "every function, the reconciler included: " + functions);
        for (SamTemplate.Resource function : functions) {
            assertTrue(yaml.contains("  " + function.logicalId() + ":\n    Type: AWS::Serverless::Function\n    Metadata:\n"
                    + "      BuildMethod: makefile\n"), function.logicalId() + " is built by the Makefile");
            Path target = artifacts.resolve(function.logicalId());
            Process make = new ProcessBuilder("make", "-n", "-C", codeUri.toString(), "build-" + function.logicalId(),
                    "ARTIFACTS_DIR=" + target).redirectErrorStream(true).start();
            String plan = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(make.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, make.exitValue(), plan);
            assertTrue(plan.contains("cp \"" + ROOT.resolve("functions/lambdas/target/billrun-lambdas.jar") + "\" \""
                    + target.resolve("lib/billrun-lambdas.jar") + "\""), plan);
        }
    }
}
