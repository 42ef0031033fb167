package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code ./billrun demo} on the shared stack: API → SQS → mailer → DynamoDB + SES, the bad message in the DLQ. */
class DemoTest {

    @Test
    void theSampleRunsEndToEndThroughTheWiringOfLocalFunctions() throws Exception {
        var stack = SharedStack.get();

        assertEquals(0, Demo.run(stack));
        assertTrue(stack.mailbox().sentEmails().stream().anyMatch(email -> email.subject().equals("Invoice INV-1001")
                && email.to().equals(java.util.List.of("finance@globex.example"))));
    }
}
