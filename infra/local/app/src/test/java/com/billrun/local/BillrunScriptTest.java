package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./billrun script itself: its help needs no JDK and lists every command and option of {@link CliCommands};
 * a usage error is one line and status 2 and a busy port one line and status 1, through the script. The JVM
 * commands run over this test's classpath ({@code BILLRUN_CLASSPATH}), so the script neither builds nor installs.
 */
class BillrunScriptTest {

    private static final Path ROOT = ProjectRoot.find().orElseThrow();
    private static final List<String> BASIC_TOOLS = List.of("bash", "cat", "sed", "dirname", "ls", "sort", "readlink",
            "head", "find", "env");

    @TempDir
    static Path noJava;

    record Outcome(int status, String out, String err) {
    }

    /** A PATH with a shell and the coreutils the script uses, and no java, javac or mvn. */
    @BeforeAll
    static void pathWithoutJava() throws IOException {
        for (String tool : BASIC_TOOLS) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, tool)) && !Files.exists(noJava.resolve(tool))) {
                    Files.createSymbolicLink(noJava.resolve(tool), Path.of(dir, tool));
                }
            }
        }
    }

    private static Outcome script(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", ROOT.resolve("billrun").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "./billrun " + String.join(" ", args) + " did not end");
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Map<String, String> withoutJdk() {
        return Map.of("PATH", noJava.toString(), "BILLRUN_JVM_DIR", noJava.resolve("no-jvms").toString());
    }

    private static Map<String, String> overThisClasspath() {
        return Map.of("BILLRUN_CLASSPATH", System.getProperty("java.class.path"),
                "JAVA_HOME", System.getProperty("java.home"));
    }

    @Test
    void helpNeedsNoJdkAndListsEveryCommandAndOption() throws Exception {
        Outcome all = script(withoutJdk(), "help");
        assertEquals(0, all.status(), all.err());
        assertEquals("", all.err());
        for (String command : List.of("test", "setup", "bench-engine", "help")) {
            assertTrue(all.out().contains("\n  " + command + " "), command);
        }
        for (CliCommands.Command command : CliCommands.ALL) {
            assertTrue(all.out().contains("\n  " + command.name() + " "), command.name());
            for (Outcome help : List.of(script(withoutJdk(), "help", command.name()), script(withoutJdk(), command.name(), "--help"))) {
                assertEquals(0, help.status(), help.err());
                assertTrue(help.out().startsWith("usage: ./billrun " + command.usage() + "\n"), help.out());
                command.options().forEach(option -> assertTrue(help.out().contains("  " + option.usage() + " "),
                        command.name() + ": " + option.usage() + " missing from the script's help"));
            }
        }
    }

    @Test
    void withoutAJdkTheHintIsTrueForDebian12() throws Exception {
        Outcome outcome = script(withoutJdk(), "serve");
        assertEquals(1, outcome.status());
        assertTrue(outcome.err().contains("Debian 12 has no openjdk-21 package") && outcome.err().contains("Temurin")
                && outcome.err().contains("JAVA_HOME"), outcome.err());
    }

    @Test
    void usageErrorsAreOneLineAndStatus2ThroughTheScript() throws Exception {
        Outcome bogus = script(overThisClasspath(), "serve", "--bogus");
        assertEquals(2, bogus.status());
        assertEquals(List.of("billrun serve: unknown option --bogus (options: --port, --data, --seed, --log) (see ./billrun serve --help)"),
                bogus.err().lines().filter(line -> !line.startsWith("WARNING")).toList());
        Outcome email = script(overThisClasspath(), "token", "--tenant", "acme", "--email");
        assertEquals(2, email.status());
        assertTrue(email.err().contains("billrun token: --email needs a value"), email.err());
        Outcome unknown = script(withoutJdk(), "srve");
        assertEquals(2, unknown.status());
        assertEquals("billrun: unknown command 'srve' (try ./billrun help)\n", unknown.err());
    }

    @Test
    void aBusyPortIsOneLineStatus1AndTheProcessEnds() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = script(overThisClasspath(), "serve", "--seed", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, outcome.status(), outcome.err());
            assertEquals(List.of("billrun serve: port " + taken.getLocalPort() + " on 127.0.0.1 is not free (Address already in use);"
                    + " choose another with --port N, or leave it out for a free one"),
                    outcome.err().lines().filter(line -> !line.startsWith("WARNING")).toList());
        }
    }
}
