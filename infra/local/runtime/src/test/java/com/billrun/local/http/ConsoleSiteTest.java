package com.billrun.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.handlers.ClaimsEchoHandler;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.lambda.LambdaRunner;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files and its dev sign-in answer without a token; the sign-in's token is one the API accepts. */
class ConsoleSiteTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dist;
    private static LambdaRunner runner;
    private static LocalHttpApi api;
    private static URI console;

    @BeforeAll
    static void startApi() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>console</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app-1a2b.js"), "console.log('app')");
        runner = new LambdaRunner("us-east-1", "000000000000");
        runner.register(new FunctionSpec("api", ClaimsEchoHandler.class, Map.of("CALL_COUNTER", "console-test")));
        DevTokens tokens = DevTokens.ephemeral();
        api = LocalHttpApi.start(runner, JwtAuthorizer.forDevTokens(tokens), 0).route(Route.jwt("ANY", "/{proxy+}", "api"));
        console = ConsoleSite.serve(api, tokens, dist);
    }

    @AfterAll
    static void stopApi() {
        api.close();
        runner.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsFilesAndItsConfigWithoutAToken() throws Exception {
        assertEquals(api.url().resolve("/console/"), console);
        var page = send("GET", "/console/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertEquals(ConsoleSite.CSP, page.headers().firstValue("content-security-policy").orElseThrow());
        assertEquals("console.log('app')", send("GET", "/console/assets/app-1a2b.js", null).body());
        assertEquals("{\"apiUrl\":\"\",\"signIn\":\"dev\"}", send("GET", "/console/config.json", null).body());
        assertEquals(302, send("GET", "/console", null).statusCode());
        assertEquals(404, send("GET", "/console/%2e%2e/pom.xml", null).statusCode());
        assertEquals(404, send("GET", "/console/nothing.js", null).statusCode());
        assertEquals(405, send("DELETE", "/console/", null).statusCode());
        assertEquals(401, send("GET", "/bill-runs", null).statusCode(), "the API still needs a token");
    }

    @Test
    void theDevSignInMintsATokenForTheTenantEmailAndScopesAsked() throws Exception {
        var answer = send("POST", "/console/dev-token", "{\"tenant\":\"acme\",\"email\":\"ana@acme.example\",\"scopes\":[\"billing/read\"]}");
        assertEquals(200, answer.statusCode(), answer.body());
        String token = answer.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("acme", claims.getStringClaim("tenant"));
        assertEquals("ana@acme.example", claims.getStringClaim("email"));
        assertEquals("billing/read", claims.getStringClaim("scope"));
        var call = HTTP.send(HttpRequest.newBuilder(api.url().resolve("/bill-runs")).header("authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, call.statusCode(), "the API accepts the dev sign-in's token");
    }

    @Test
    void theDevSignInRefusesWhatItCannotMintNamingTheField() throws Exception {
        for (var refused : List.of(
                List.of("{\"tenant\":\"ac me\",\"email\":\"a@b.example\",\"scopes\":[\"billing/read\"]}", "tenant"),
                List.of("{\"tenant\":\"acme\",\"email\":\"nobody\",\"scopes\":[\"billing/read\"]}", "email"),
                List.of("{\"tenant\":\"acme\",\"email\":\"a@b.example\",\"scopes\":[]}", "scopes"),
                List.of("{\"tenant\":\"acme\",\"email\":\"a@b.example\",\"scopes\":[\"billing/read\",\"admin\"]}", "scopes[1]"),
                List.of("{\"tenant\":\"acme\",\"email\":\"a@b.example\",\"scopes\":[\"billing/read\"],\"role\":\"x\"}", "role"))) {
            var answer = send("POST", "/console/dev-token", refused.get(0));
            assertEquals(400, answer.statusCode(), refused.get(0));
            assertEquals("application/problem+json", answer.headers().firstValue("content-type").orElseThrow());
            assertTrue(answer.body().contains("\"field\":\"" + refused.get(1) + "\""), answer.body());
        }
        assertEquals(400, send("POST", "/console/dev-token", "not json").statusCode());
        assertEquals(405, send("GET", "/console/dev-token", null).statusCode());
    }
}
