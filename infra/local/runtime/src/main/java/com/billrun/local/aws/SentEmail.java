package com.billrun.local.aws;

import java.time.Instant;
import java.util.List;

/** One email as the SES stand-in captured it. */
public record SentEmail(String messageId, String from, List<String> to, String subject, String text, String html,
                        Instant sentAt) {
}
