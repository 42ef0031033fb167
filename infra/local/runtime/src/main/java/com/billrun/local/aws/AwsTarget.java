package com.billrun.local.aws;

import java.util.Map;

/**
 * Where the functions' AWS calls go: the embedded stand-ins ({@link EmbeddedAws}) or LocalStack. The same
 * integration suites and the same wiring run against either.
 */
public interface AwsTarget {

    /** The environment a function gets on top of its own variables: region, credentials, endpoints. */
    Map<String, String> env();

    SesMailbox mailbox();

    /** SES (and LocalStack) refuse unverified senders; the local stand-in accepts any. */
    default void verifySender(String email) {
    }
}
