package com.billrun.functions.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.adapters.ses.SesMailer;
import com.billrun.aws.AwsClients;
import com.billrun.functions.RunTask;
import com.billrun.functions.StepFunctionsFailure;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.functions.logs.Metrics;
import com.billrun.store.BillrunStore;
import com.billrun.store.NotificationLog;
import com.billrun.usecases.billrun.MailDelivery;
import com.billrun.usecases.billrun.NotifyInitiator.RunEvent;
import com.billrun.usecases.billrun.NotifyInitiator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The notify task: {@code {tenantId, billRunId, event: COMPLETED|ERROR|POSTED|POST_FAILED, error?}} →
 * {@code {notification: SENT|ALREADY_SENT|FAILED|NO_RECIPIENT}}. SES is tried a few times; a failure is recorded
 * and answered, never thrown, so an email can neither fail nor re-run a bill run.
 */
public final class NotifyHandler extends TaskHandler {

    static final int SEND_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final NotifyInitiator notifyInitiator;

    public NotifyHandler() {
        this(System.getenv());
    }

    public NotifyHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        MailDelivery delivery = new MailDelivery(new NotificationLog(store.table(), Clock.systemUTC()),
                new SesMailer(AwsClients.sesV2(env), env.get("SENDER_EMAIL")), SEND_ATTEMPTS, FIRST_BACKOFF);
        this.notifyInitiator = new NotifyInitiator(store.billRuns(), store.runAccounts(), delivery, env.get("PORTAL_URL"));
        StepFunctionsFailure.warmUp();
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        RunTask task = RunTask.of(payload);
        RunEvent event = RunEvent.valueOf(RunTask.required(payload, "event"));
        var result = notifyInitiator.notify(task.tenantId(), task.billRunId(), event,
                StepFunctionsFailure.describe(payload.get("error")));
        String message = "%s email to the initiator: %s".formatted(event, result);
        if (result == NotifyInitiator.Result.FAILED) {
            Log.warn("notify", message, "runEvent", event, "notification", result);
        } else {
            Log.info("notify", message, "runEvent", event, "notification", result);
        }
        Metrics.emit(Metrics.count("EmailsSent", result == NotifyInitiator.Result.SENT ? 1 : 0),
                Metrics.count("EmailsFailed", result == NotifyInitiator.Result.FAILED ? 1 : 0));
        return Map.of("notification", result.name());
    }
}
