package com.billrun.usecases.billrun;

import com.billrun.store.NotificationLog;
import com.billrun.usecases.events.Events;
import java.time.Duration;

/**
 * Sends a run's email at most once per subject and recipient, retrying a failing mail service a few times,
 * and records the outcome either way. A mail failure is a fact to record, never an exception: an email must not
 * fail or re-run a bill run (docs/ARCHITECTURE.md Notify).
 */
public final class MailDelivery {

    /** What became of one email. */
    public enum Outcome { SENT, ALREADY_SENT, FAILED }

    private final NotificationLog log;
    private final Mailer mailer;
    private final int attempts;
    private final Duration backoff;

    public MailDelivery(NotificationLog log, Mailer mailer, int attempts, Duration backoff) {
        this.log = log;
        this.mailer = mailer;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    public Outcome deliver(String tenantId, String billRunId, String subject, Email email) {
        return deliver(tenantId, billRunId, subject, email, null);
    }

    /** {@link #deliver(String, String, String, Email)} of an email sent again on request, logged as such. */
    public Outcome deliver(String tenantId, String billRunId, String subject, Email email, NotificationLog.Resend resend) {
        String lastError = "not tried";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (!log.beginAttempt(tenantId, billRunId, subject, email.to(), resend)) {
                return Outcome.ALREADY_SENT;
            }
            try {
                log.sent(tenantId, billRunId, subject, email.to(), mailer.send(email));
                return Outcome.SENT;
            } catch (Mailer.MailException e) {
                lastError = e.getMessage();
                log.failed(tenantId, billRunId, subject, email.to(), lastError);
                Events.warn("email.attempt-failed", "attempt %d of %d failed: %s".formatted(attempt, attempts, lastError),
                        "subject", subject, "attempt", attempt);
                pause(attempt);
            }
        }
        return Outcome.FAILED;
    }

    private void pause(int attempt) {
        if (attempt < attempts) {
            try {
                Thread.sleep(backoff.multipliedBy(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
