package com.billrun.local;

import com.billrun.local.aws.EmbeddedAws;

/**
 * One embedded stack for the whole test run (start-up is the expensive part). {@link NoChildProcessLeftTest}
 * runs last, stops it and checks that nothing it started survives.
 */
public final class SharedStack {

    private static EmbeddedAws stack;

    private SharedStack() {
    }

    public static synchronized EmbeddedAws get() {
        if (stack == null) {
            stack = EmbeddedAws.start();
            System.out.printf("embedded AWS stack started in %d ms (DynamoDB %s, SQS %s, SES %s)%n",
                    stack.startupTime().toMillis(), stack.dynamoDbEndpoint(), stack.sqsEndpoint(), stack.sesEndpoint());
        }
        return stack;
    }

    static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
