package com.billrun.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.billrun.aws.AwsClients;
import com.billrun.billrun.CancelBillRun;
import com.billrun.billrun.CreateBillRun;
import com.billrun.billrun.InvalidBillRunException;
import com.billrun.billrun.RequestPost;
import com.billrun.functions.stepfunctions.BillRunExecutions;
import com.billrun.functions.stepfunctions.PostRunExecutions;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillrunStore;
import com.billrun.store.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API (API Gateway HTTP API, payload 2.0, every path): the JWT authorizer has checked the token, this
 * checks the route's scope, runs it, and answers JSON, or {@code application/problem+json} for any error.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Routes routes = new Routes();

    public ApiHandler() {
        this(System.getenv());
    }

    public ApiHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        Clock clock = Clock.systemUTC();
        var sfn = AwsClients.sfn(env);
        new BillRunRoutes(store,
                new CreateBillRun(store.billRuns(), new BillRunExecutions(sfn, env.get("BILL_RUN_STATE_MACHINE_ARN")), clock),
                new RequestPost(store.billRuns(), new PostRunExecutions(sfn, env.get("POST_RUN_STATE_MACHINE_ARN")), clock),
                new CancelBillRun(store, clock)).addTo(routes);
        new AccountRoutes(store).addTo(routes);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            var http = event.getRequestContext().getHttp();
            ApiResponse response = routes.dispatch(http.getMethod(), Optional.ofNullable(event.getRawPath()).orElse(http.getPath()),
                    Caller.of(event), event.getQueryStringParameters(), body(event));
            return json(response.status(), "application/json", response.body());
        } catch (ApiProblem problem) {
            return problem(problem);
        } catch (InvalidBillRunException e) {
            return problem(ApiProblem.invalid(e.field(), e.getMessage()));
        } catch (NotFoundException e) {
            return problem(ApiProblem.notFound(e.getMessage()));
        } catch (BillRunConflictException e) {
            return problem(ApiProblem.conflict(e.getMessage()));
        } catch (RuntimeException e) {
            context.getLogger().log("request " + event.getRequestContext().getRequestId() + " failed: " + e);
            return problem(ApiProblem.internal(event.getRequestContext().getRequestId()));
        }
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() != null && event.getIsBase64Encoded()) {
            return new String(java.util.Base64.getDecoder().decode(event.getBody()), java.nio.charset.StandardCharsets.UTF_8);
        }
        return event.getBody();
    }

    private static APIGatewayV2HTTPResponse problem(ApiProblem problem) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        return json(problem.status(), "application/problem+json", body);
    }

    private static APIGatewayV2HTTPResponse json(int status, String contentType, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(Map.of("content-type", contentType))
                    .withBody(ApiJson.MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }
}
