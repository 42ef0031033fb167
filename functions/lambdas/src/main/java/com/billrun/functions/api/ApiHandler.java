package com.billrun.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.billrun.adapters.scheduler.ScheduleGateways;
import com.billrun.adapters.sqs.SqsCustomerEmailQueue;
import com.billrun.adapters.stepfunctions.BillRunExecutions;
import com.billrun.adapters.stepfunctions.PostRunExecutions;
import com.billrun.adapters.stepfunctions.StepFunctionsExecutionControl;
import com.billrun.aws.AwsClients;
import com.billrun.aws.Background;
import com.billrun.core.BillingDataException;
import com.billrun.functions.StreamJson;
import com.billrun.functions.logs.Log;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillrunStore;
import com.billrun.store.IdempotencyKeys;
import com.billrun.store.NotFoundException;
import com.billrun.store.NotificationLog;
import com.billrun.usecases.accounts.AccountConflictException;
import com.billrun.usecases.billrun.CancelBillRun;
import com.billrun.usecases.billrun.CreateBillRun;
import com.billrun.usecases.billrun.DeleteBillRun;
import com.billrun.usecases.billrun.EmailBillRun;
import com.billrun.usecases.billrun.InvoiceConflictException;
import com.billrun.usecases.billrun.RequestPost;
import com.billrun.usecases.billrun.ResendInvoice;
import com.billrun.usecases.billrun.ResumeBillRun;
import com.billrun.usecases.billrun.RetryFailures;
import com.billrun.usecases.corrections.CorrectionConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API (API Gateway HTTP API, payload 2.0, every path): the JWT authorizer has checked the token, this
 * checks the route's scope, runs it, and answers JSON, or {@code application/problem+json} for any error.
 *
 * <p>A stream handler that reads the event and writes the answer itself ({@link ApiEvents}): as a
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} it made the Lambda runtime set up its
 * event serialisers (some 700 classes) before the first request.
 *
 * <p>A request that fails unexpectedly (500) is logged with its stack trace ({@link Log}, event {@code api.failed});
 * every request's method, path, status and latency are in API Gateway's access log (template.yaml).
 */
public final class ApiHandler implements RequestStreamHandler {

    static {
        Log.install();
    }

    private final Routes routes;

    public ApiHandler() {
        this(System.getenv());
    }

    public ApiHandler(Map<String, String> env) {
        // Jackson's one-time set-up (the API's mappers, a first answer written), beside the clients' build.
        Background.warmUp("json-warm-up", () -> HttpAnswer.of(ApiProblem.notFound("warm-up")));
        BillrunStore store = BillrunStore.fromEnv(env);
        Clock clock = Clock.systemUTC();
        var sfn = AwsClients.sfn(env);
        var executions = new StepFunctionsExecutionControl(sfn, env.get("BILL_RUN_STATE_MACHINE_ARN"),
                env.get("POST_RUN_STATE_MACHINE_ARN"));
        routes = new Routes(new IdempotentRequests(new IdempotencyKeys(store.table(), clock)));
        var billRunExecutions = new BillRunExecutions(sfn, env.get("BILL_RUN_STATE_MACHINE_ARN"));
        var cancelBillRun = new CancelBillRun(store, executions, clock);
        new BillRunRoutes(store,
                new CreateBillRun(store.billRuns(), billRunExecutions, clock),
                new RequestPost(store.billRuns(), new PostRunExecutions(sfn, env.get("POST_RUN_STATE_MACHINE_ARN")), clock),
                cancelBillRun, new RetryFailures(store.billRuns(), billRunExecutions, clock),
                new DeleteBillRun(store, cancelBillRun, clock),
                new ResumeBillRun(store.billRuns(), executions, clock)).addTo(routes);
        new AccountRoutes(store, clock).addTo(routes);
        new InvoiceRoutes(store).addTo(routes);
        new PaymentRoutes(store, clock).addTo(routes);
        new SettingsRoutes(store.settings()).addTo(routes);
        new ScheduleRoutes(store, ScheduleGateways.fromEnv(env, store.schedules(), clock), clock).addTo(routes);
        var customerEmails = new SqsCustomerEmailQueue(AwsClients.sqs(env), env.get("CUSTOMER_EMAIL_QUEUE_URL"));
        new CorrectionRoutes(store, customerEmails, clock).addTo(routes);
        new CustomerEmailRoutes(store,
                new EmailBillRun(store.billRuns(), store.invoices(), new NotificationLog(store.table(), clock), customerEmails),
                new ResendInvoice(store.invoices(), customerEmails, clock)).addTo(routes);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Log.Scope ignored = Log.open(context)) {
            StreamJson.write(ApiEvents.answer(handle(event(input), context)), output);
        }
    }

    /** The event as the handler reads it. */
    public static APIGatewayV2HTTPEvent event(InputStream json) throws IOException {
        return ApiEvents.event(StreamJson.read(json));
    }

    /** One request → its answer. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        try {
            var http = event.getRequestContext().getHttp();
            return routes.dispatch(http.getMethod(), Optional.ofNullable(event.getRawPath()).orElse(http.getPath()),
                    Caller.of(event), event.getQueryStringParameters(), event.getHeaders(), body(event)).toEvent();
        } catch (ApiProblem problem) {
            return problem(problem);
        } catch (BillingDataException e) {
            return problem(ApiProblem.invalid(e.field(), e.reason()));
        } catch (NotFoundException e) {
            return problem(ApiProblem.notFound(e.getMessage()));
        } catch (BillRunConflictException | AccountConflictException | InvoiceConflictException e) {
            return problem(ApiProblem.conflict(e.getMessage()));
        } catch (CorrectionConflictException e) {
            return problem(ApiProblem.conflict(e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            var http = event.getRequestContext().getHttp();
            tenantOf(event).ifPresent(Log::tenant);
            Log.error("api.failed", "%s %s failed: %s".formatted(http.getMethod(), event.getRawPath(), e), e,
                    "method", http.getMethod(), "path", event.getRawPath(), "status", 500,
                    "apiRequestId", event.getRequestContext().getRequestId());
            return problem(ApiProblem.internal(event.getRequestContext().getRequestId()));
        }
    }

    private static Optional<String> tenantOf(APIGatewayV2HTTPEvent event) {
        try {
            return Optional.of(Caller.of(event).tenantId());
        } catch (RuntimeException noTenant) {
            return Optional.empty();
        }
    }

    /**
     * The body as text. JSON is UTF-8 (RFC 8259): bytes that are not (a base64 body is decoded strictly, never with
     * replacement characters) and a text holding a lone surrogate are refused (400) before anything reads them.
     */
    static String body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return null;
        }
        if (!event.getIsBase64Encoded()) {
            if (hasLoneSurrogate(event.getBody())) {
                throw notUtf8();
            }
            return event.getBody();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(event.getBody());
        } catch (IllegalArgumentException notBase64) {
            throw ApiProblem.malformed(null, "the body is not valid base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    private static ApiProblem notUtf8() {
        return ApiProblem.malformed(null, "the body is not valid UTF-8");
    }

    private static APIGatewayV2HTTPResponse problem(ApiProblem problem) {
        return HttpAnswer.of(problem).toEvent();
    }
}
