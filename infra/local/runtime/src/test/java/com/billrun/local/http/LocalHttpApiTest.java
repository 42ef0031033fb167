package com.billrun.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.handlers.ClaimsEchoHandler;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API as a client sees it: API Gateway's routing, payload 2.0 events and JWT authorizer answers. */
class LocalHttpApiTest {

    private static final String COUNTER = "api-" + UUID.randomUUID();
    private static final DevTokens TOKENS = DevTokens.ephemeral();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LambdaRunner runner;
    private static LocalHttpApi api;
    private int callsBefore;

    @BeforeAll
    static void startApi() {
        runner = new LambdaRunner("us-east-1", "000000000000");
        runner.register(new FunctionSpec("api", ClaimsEchoHandler.class, Map.of("CALL_COUNTER", COUNTER)));
        api = LocalHttpApi.start(runner, JwtAuthorizer.forDevTokens(TOKENS), 0)
                .route(Route.jwt("GET", "/bill-runs/{id}", "api", "billing/read"))
                .route(Route.jwt("GET", "/bill-runs/latest", "api", "billing/read"))
                .route(Route.jwt("POST", "/bill-runs/{id}/post", "api", "billing/post"))
                .route(Route.jwt("POST", "/invoices/{id}/attachments", "api", "billing/write"))
                .route(Route.open("GET", "/health", "api"))
                .route(Route.jwt("ANY", "/{proxy+}", "api"));
    }

    @AfterAll
    static void stopApi() {
        api.close();
        runner.close();
    }

    @BeforeEach
    void countCalls() {
        callsBefore = calls().get();
    }

    @Test
    void aGoodTokenReachesTheHandlerWithItsClaimsScopesAndTheRequestAsPayload20() throws Exception {
        String token = TOKENS.issue("acme", "ana@acme.example", List.of("billing/read", "billing/write"));

        var response = send(HttpRequest.newBuilder(api.url().resolve("/bill-runs/BR%2042?status=COMPLETED&status=POSTED&limit=5"))
                .header("Authorization", "Bearer " + token).header("X-Trace-Id", "t-1").GET());

        assertEquals(200, response.statusCode());
        JsonNode echo = Json.MAPPER.readTree(response.body());
        assertEquals("GET /bill-runs/{id}", echo.get("routeKey").asText());
        assertEquals("/bill-runs/BR%2042", echo.get("rawPath").asText());
        assertEquals("BR 42", echo.get("pathParameters").get("id").asText());
        assertEquals("COMPLETED,POSTED", echo.get("queryStringParameters").get("status").asText());
        assertEquals("acme", echo.get("claims").get("tenant").asText());
        assertEquals("ana@acme.example", echo.get("claims").get("email").asText());
        assertEquals("billing/read billing/write", echo.get("claims").get("scope").asText());
        assertTrue(echo.get("claims").get("exp").isTextual(), "API Gateway passes every claim as a string");
        assertEquals(List.of("billing/read", "billing/write"), List.of(echo.get("scopes").get(0).asText(), echo.get("scopes").get(1).asText()));
        assertEquals(callsBefore + 1, calls().get());
    }

    @Test
    void aLiteralRouteWinsOverATemplateAndAStructuredResponseKeepsItsStatus() throws Exception {
        String token = TOKENS.issue("acme", "ana@acme.example", List.of("billing/read", "billing/post"));

        var latest = send(HttpRequest.newBuilder(api.url().resolve("/bill-runs/latest")).header("Authorization", "Bearer " + token).GET());
        var post = send(HttpRequest.newBuilder(api.url().resolve("/bill-runs/42/post"))
                .header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"month end\"}")));

        assertEquals("GET /bill-runs/latest", Json.MAPPER.readTree(latest.body()).get("routeKey").asText());
        assertEquals(202, post.statusCode());
        JsonNode echo = Json.MAPPER.readTree(post.body());
        assertEquals("{\"note\":\"month end\"}", echo.get("body").asText());
        assertEquals(false, echo.get("isBase64Encoded").asBoolean());
    }

    @Test
    void aBinaryBodyArrivesBase64Encoded() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        String token = TOKENS.issue("acme", "ana@acme.example", List.of("billing/write"));

        var response = send(HttpRequest.newBuilder(api.url().resolve("/invoices/INV-1/attachments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)));

        JsonNode echo = Json.MAPPER.readTree(response.body());
        assertTrue(echo.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(pdf), echo.get("body").asText());
    }

    @Test
    void noTokenIs401AndTheHandlerIsNotCalled() throws Exception {
        var response = send(HttpRequest.newBuilder(api.url().resolve("/bill-runs/42")).GET());
        var catchAll = send(HttpRequest.newBuilder(api.url().resolve("/accounts")).GET());

        assertRefused(response, 401, "Unauthorized");
        assertRefused(catchAll, 401, "Unauthorized");
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        String forged = DevTokens.ephemeral().issue("acme", "mallory@evil.example", List.of("billing/read"));

        assertRefused(get("/bill-runs/42", forged), 401, "Unauthorized");
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String expired = TOKENS.sign(claims().issueTime(Date.from(anHourAgo.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(anHourAgo)).build());

        assertRefused(get("/bill-runs/42", expired), 401, "Unauthorized");
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIs401() throws Exception {
        String otherAudience = TOKENS.sign(claims().audience("another-api").build());
        String otherIssuer = TOKENS.sign(claims().issuer("https://issuer.example").build());

        assertRefused(get("/bill-runs/42", otherAudience), 401, "Unauthorized");
        assertRefused(get("/bill-runs/42", otherIssuer), 401, "Unauthorized");
    }

    @Test
    void aValidTokenWithoutTheRoutesScopeIs403() throws Exception {
        String readOnly = TOKENS.issue("acme", "ana@acme.example", List.of("billing/read"));

        var response = send(HttpRequest.newBuilder(api.url().resolve("/bill-runs/42/post"))
                .header("Authorization", "Bearer " + readOnly).POST(HttpRequest.BodyPublishers.noBody()));

        assertRefused(response, 403, "Forbidden");
        assertTrue(response.headers().firstValue("www-authenticate").orElseThrow().contains("insufficient_scope"));
    }

    @Test
    void theGreedyCatchAllRouteOfTemplateYamlTakesWhatNoSpecificRouteMatches() throws Exception {
        String token = TOKENS.issue("acme", "ana@acme.example", List.of("billing/write"));

        var response = send(HttpRequest.newBuilder(api.url().resolve("/schedules/SCH-7")).header("Authorization", "Bearer " + token).DELETE());

        JsonNode echo = Json.MAPPER.readTree(response.body());
        assertEquals("ANY /{proxy+}", echo.get("routeKey").asText());
        assertEquals("DELETE", echo.get("method").asText());
        assertEquals("schedules/SCH-7", echo.get("pathParameters").get("proxy").asText());
    }

    @Test
    void aRouteThatIsNotDeclaredIs404AndAnOpenRouteNeedsNoToken() throws Exception {
        String token = TOKENS.issue("acme", "ana@acme.example", List.of("billing/read"));
        assertRefused(send(HttpRequest.newBuilder(api.url().resolve("/")).header("Authorization", "Bearer " + token).GET()), 404, "Not Found");

        var health = send(HttpRequest.newBuilder(api.url().resolve("/health")).GET());
        assertEquals(200, health.statusCode());
        assertTrue(Json.MAPPER.readTree(health.body()).get("claims").isNull());
    }

    private void assertRefused(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(message, Json.MAPPER.readTree(response.body()).get("message").asText());
        assertEquals(callsBefore, calls().get(), "the handler must not run");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE)
                .claim("tenant", "acme").claim("email", "ana@acme.example").claim("scope", "billing/read")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(api.url().resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AtomicInteger calls() {
        return ClaimsEchoHandler.calls(COUNTER);
    }

}
