package com.billrun.functions;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The local runtime's log lines as the tests' {@link LocalBillrun} captures them: every line the functions and the
 * HTTP API print (JSON lines, as on AWS), kept in memory for the tests to read back; error lines are echoed to
 * stdout so that a failing test still shows them.
 */
final class CapturedLogs extends OutputStream {

    private static final int MAX_LINES = 500_000;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = current.toString(StandardCharsets.UTF_8);
            current.reset();
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            }
            if (line.contains("\"level\":\"ERROR\"")) {
                System.out.println(line);
            }
        } else {
            current.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The lines so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
