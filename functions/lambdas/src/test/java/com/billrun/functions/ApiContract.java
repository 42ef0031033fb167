package com.billrun.functions;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.billrun.local.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * infra/openapi.yaml as every API test holds the local HTTP API to it: each request a test sends and the answer it
 * gets are validated with Atlassian's swagger-request-validator (status declared by the operation, content type,
 * headers, parameters and bodies against their schemas, no property the schema does not name). Any validation
 * error fails the test; nothing is tolerated. What a test means by its request decides what is checked: see
 * {@link Intent}.
 */
public final class ApiContract {

    /** What a test means by a request, and so what of the exchange is validated against the spec. */
    public enum Intent {
        /** A request a client following the spec may send: the request and its answer are both validated. */
        VALID,
        /**
         * A request sent off the spec on purpose, nearly always to be refused (bad input, fuzz, a wrong content type,
         * no or a bad token): the request is not validated, its answer is (a 4xx must be one the operation declares,
         * in the declared form).
         */
        OFF_SPEC,
        /**
         * A method and path the spec has no operation for (the tests that prove them 404): the validator must find
         * no operation; there is no declared answer to validate (the test asserts the 404 itself).
         */
        OUTSIDE_SPEC
    }

    private static final Path SPEC = ProjectRoot.find().orElseThrow().resolve("infra/openapi.yaml");
    private static final OpenApiInteractionValidator VALIDATOR = validator();

    private ApiContract() {
    }

    public static Path spec() {
        return SPEC;
    }

    private static OpenApiInteractionValidator validator() {
        try {
            // allOf (PaymentReceipt = Payment + accountStatus) merged before validating, so that a property of one part
            // is not "additional" to the other (the validator's README, FAQ on allOf)
            return OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(SPEC))
                    .withResolveCombinators(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates one exchange: {@code target} is the path as sent (raw, with its query), headers as sent and received.
     * Throws an AssertionError naming every validation error.
     */
    public static void check(Intent intent, String method, String target, Map<String, List<String>> requestHeaders,
                             byte[] requestBody, int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Request request = request(method, target, requestHeaders, requestBody);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null && responseBody.length > 0) {
            response.withBody(responseBody);
        }
        ValidationReport report = switch (intent) {
            case VALID -> VALIDATOR.validate(request, response.build());
            case OFF_SPEC -> VALIDATOR.validateResponse(path, request.getMethod(), response.build());
            case OUTSIDE_SPEC -> {
                ValidationReport found = VALIDATOR.validateRequest(request);
                boolean outside = found.getMessages().stream().anyMatch(message -> message.getKey().equals("validation.request.path.missing")
                        || message.getKey().equals("validation.request.operation.notAllowed"));
                if (!outside) {
                    throw new AssertionError(method + " " + target + " is an operation of infra/openapi.yaml, not outside it");
                }
                yield ValidationReport.empty();
            }
        };
        if (report.hasErrors()) {
            String body = responseBody == null ? "" : new String(responseBody, StandardCharsets.UTF_8);
            throw new AssertionError("the exchange disagrees with infra/openapi.yaml (" + intent + "):\n  "
                    + report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .map(ApiContract::describe).collect(Collectors.joining("\n  "))
                    + "\n  " + method + " " + target + " -> " + status + " " + responseHeaders.getOrDefault("content-type", List.of())
                    + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body));
        }
    }

    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getKey()).append(": ").append(message.getMessage());
        message.getAdditionalInfo().forEach(info -> text.append("\n    ").append(info));
        message.getNestedMessages().forEach(nested -> text.append("\n    ").append(describe(nested).replace("\n", "\n  ")));
        return text.toString();
    }

    private static Request request(String method, String target, Map<String, List<String>> headers, byte[] body) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), path);
        headers.forEach(request::withHeader);
        if (target.contains("?")) {
            for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        if (body != null && body.length > 0) {
            request.withBody(body);
        }
        return request.build();
    }
}
