package com.billrun.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.ProjectRoot;
import com.billrun.local.handlers.ClaimsEchoHandler;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.lambda.LambdaRunner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /docs and /openapi.yaml answer without a token, from local files only; every other path still needs one. */
class ApiDocsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern EXTERNAL_URL = Pattern.compile("(https?:)?//[a-z]");
    private static LambdaRunner runner;
    private static LocalHttpApi api;

    @BeforeAll
    static void startApi() {
        runner = new LambdaRunner("us-east-1", "000000000000");
        runner.register(new FunctionSpec("api", ClaimsEchoHandler.class, Map.of("CALL_COUNTER", "docs-test")));
        api = LocalHttpApi.start(runner, JwtAuthorizer.forDevTokens(DevTokens.ephemeral()), 0)
                .route(Route.jwt("ANY", "/{proxy+}", "api"));
        ApiDocs.serve(api);
    }

    @AfterAll
    static void stopApi() {
        api.close();
        runner.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.url().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void docsAnswer200HtmlWithoutATokenAndLoadNothingFromAnotherOrigin() throws Exception {
        var page = get("/docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<div id=\"swagger-ui\">"), page.body());
        assertEquals(ApiDocs.CSP, page.headers().firstValue("content-security-policy").orElseThrow());
        assertFalse(EXTERNAL_URL.matcher(page.body()).find(), "the page names no other origin");
        var script = get("/docs/billrun-docs.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("url: '/openapi.yaml'") && script.body().contains("validatorUrl: null"), script.body());
        assertFalse(EXTERNAL_URL.matcher(script.body()).find(), "the script names no other origin");
    }

    @Test
    void swaggerUiIsServedFromThePinnedNpmPackage() throws Exception {
        var bundle = get("/docs/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode(), "run ./billrun setup: swagger-ui-dist comes from infra/local/node");
        assertTrue(bundle.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals(200, get("/docs/swagger-ui.css").statusCode());
        assertEquals(404, get("/docs/../../pom.xml").statusCode());
        assertEquals(404, get("/docs/package.json").statusCode());
    }

    @Test
    void theSpecIsAnsweredAsItIsWithoutAToken() throws Exception {
        var spec = get("/openapi.yaml");
        assertEquals(200, spec.statusCode());
        assertTrue(spec.headers().firstValue("content-type").orElseThrow().startsWith("application/yaml"));
        assertEquals(Files.readString(ProjectRoot.find().orElseThrow().resolve("infra/openapi.yaml")), spec.body());
    }

    @Test
    void everythingElseStillNeedsTheToken() throws Exception {
        var route = get("/bill-runs");
        assertEquals(401, route.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", route.body());
    }
}
