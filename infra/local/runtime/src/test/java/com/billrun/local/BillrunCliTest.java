package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's rough edges, one command each: its exit status and its one line. Runs in process ({@link BillrunCli#run}),
 * so it stays fast; infra/local/app's BillrunScriptTest runs a few of them through the ./billrun script itself.
 */
class BillrunCliTest {

    record Outcome(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Outcome cli(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = BillrunCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void refused(String line, String... args) throws Exception {
        Outcome outcome = cli(args);
        assertEquals(2, outcome.status(), String.join(" ", args));
        assertEquals(List.of(line), outcome.errLines(), String.join(" ", args));
        assertEquals("", outcome.out());
    }

    @Test
    void unknownOptionsAreOneLineAndStatus2() throws Exception {
        refused("billrun serve: unknown option --bogus (options: --port, --data, --seed, --log) (see ./billrun serve --help)",
                "serve", "--bogus");
        refused("billrun token: unknown option --scope (options: --tenant, --email, --scopes) (see ./billrun token --help)",
                "token", "--tenant", "acme", "--email", "ana@acme.example", "--scope", "billing/read");
        refused("billrun demo: unknown option --accounts (it takes none) (see ./billrun demo --help)", "demo", "--accounts", "5");
        refused("billrun serve: unexpected argument '8080' (see ./billrun serve --help)", "serve", "8080");
        refused("billrun: unknown command 'srve' (try ./billrun help)", "srve");
        refused("billrun help: unknown command 'srve' (try ./billrun help)", "help", "srve");
    }

    @Test
    void missingValuesAndRequiredOptionsAreOneLineAndStatus2() throws Exception {
        refused("billrun token: --email needs a value (--email E) (see ./billrun token --help)", "token", "--tenant", "acme", "--email");
        refused("billrun token: --email needs a value (--email E) (see ./billrun token --help)",
                "token", "--email", "--tenant", "acme");
        refused("billrun token: --tenant T is required (see ./billrun token --help)", "token", "--email", "ana@acme.example");
        refused("billrun bench: --accounts needs a value (--accounts N) (see ./billrun bench --help)", "bench", "--accounts");
        refused("billrun serve: --port needs a value (--port N) (see ./billrun serve --help)", "serve", "--port=");
        refused("billrun serve: --seed takes no value (see ./billrun serve --help)", "serve", "--seed=yes");
        refused("billrun serve: --port given twice (see ./billrun serve --help)", "serve", "--port", "1", "--port", "2");
    }

    @Test
    void badValuesAreOneLineAndStatus2NeverAStackTrace() throws Exception {
        refused("billrun serve: --port 'eighty' is not a port number (0..65535) (see ./billrun serve --help)", "serve", "--port", "eighty");
        refused("billrun serve: --port '70000' is not a port (0..65535) (see ./billrun serve --help)", "serve", "--port", "70000");
        refused("billrun bench: --accounts '-5' must be at least 1 (see ./billrun bench --help)", "bench", "--accounts", "-5");
        refused("billrun bench: --accounts 'many' is not a whole number (see ./billrun bench --help)", "bench", "--accounts=many");
        refused("billrun bench-cold-init: --runs '0' must be at least 1 (see ./billrun bench-cold-init --help)", "bench-cold-init", "--runs", "0");
        refused("billrun token: --email 'true' is not an email address (see ./billrun token --help)",
                "token", "--tenant", "acme", "--email", "true");
        refused("billrun token: --scopes 'billing/read,billing/wirte' names an unknown scope 'billing/wirte'"
                        + " (billing/read, billing/write, billing/post) (see ./billrun token --help)",
                "token", "--tenant", "acme", "--email", "ana@acme.example", "--scopes", "billing/read,billing/wirte");
    }

    @Test
    void seedWithoutTheDemoTenantOnTheClasspathIsRefusedBeforeAnythingStarts() throws Exception {
        refused("billrun serve: --seed needs the demo tenant of infra/local/app on the classpath (./billrun puts it there)"
                + " (see ./billrun serve --help)", "serve", "--seed");
    }

    @Test
    void helpOfEveryCommandListsItsOptionsAndStartsNothing() throws Exception {
        Outcome all = cli("help");
        assertEquals(0, all.status());
        for (CliCommands.Command command : CliCommands.ALL) {
            assertTrue(all.out().contains(command.name()), command.name());
            for (Outcome help : List.of(cli(command.name(), "--help"), cli("help", command.name()), cli(command.name(), "-h"))) {
                assertEquals(0, help.status());
                assertTrue(help.out().startsWith("usage: ./billrun " + command.name()), help.out());
                command.options().forEach(option -> assertTrue(help.out().contains(option.usage()), option.usage()));
                assertEquals("", help.err());
            }
        }
        // --help wins over anything else on the line: serve --help must not start a server
        assertEquals(0, cli("serve", "--port", "80", "--help").status());
    }

    @Test
    void aTokenCarriesExactlyTheScopesAskedFor() throws Exception {
        Outcome outcome = cli("token", "--tenant", "acme", "--email", "ana@acme.example", "--scopes", "billing/read");
        assertEquals(0, outcome.status(), outcome.err());
        List<String> lines = outcome.out().lines().toList();
        String payload = new String(Base64.getUrlDecoder().decode(lines.getLast().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"scope\":\"billing/read\""), payload);
        assertTrue(payload.contains("\"tenant\":\"acme\""), payload);
    }

    @Test
    void aBusyPortIsOneLineAndStatus1WithNothingLeftRunning() throws Exception {
        List<Long> before = descendants();
        int threadsBefore = Thread.activeCount();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Outcome outcome = cli("serve", "--port", Integer.toString(port));
            assertEquals(1, outcome.status());
            assertEquals(1, outcome.errLines().size(), outcome.err());
            assertTrue(outcome.err().startsWith("billrun serve: port " + port + " on 127.0.0.1 is not free ("), outcome.err());
            assertEquals("", outcome.out(), "nothing started, nothing printed");
        }
        assertEquals(before, descendants(), "no SES child or other process left");
        assertTrue(Thread.activeCount() <= threadsBefore + 1, "no stack threads left running");
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }
}
