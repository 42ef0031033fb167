package com.billrun.functions.tokenclaims;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.billrun.functions.StreamJson;
import com.billrun.functions.logs.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's Cognito user pool's pre token generation trigger (template.yaml: TokenClaimsFunction, event version
 * V2_0): Cognito's access tokens carry neither custom attributes nor the email, and the API reads both
 * ({@code com.billrun.functions.api.Caller}: claims {@code tenant} and {@code email}). So the access token gets
 * {@code tenant} = the user's {@code custom:tenant} and {@code email} = their email when it is verified (a run's
 * notifications go to it). A user without a tenant gets no {@code tenant} claim, and the API answers 401.
 *
 * <p>The app client may ask for all three scopes; a user keeps only those their groups grant: group
 * {@code billing-read} grants {@code billing/read}, {@code billing-write} {@code billing/write}, {@code billing-post}
 * {@code billing/post}. The others are suppressed from the access token's {@code scope}.
 *
 * <p>The answer is the event itself with its {@code response.claimsAndScopeOverrideDetails} filled in, as Cognito
 * expects. No AWS client, no environment: it only maps attributes to claims.
 */
public final class TokenClaimsHandler implements RequestStreamHandler {

    /** The API's scopes (infra/openapi.yaml); each is granted by the group of the same name with '-' for '/'. */
    static final List<String> BILLING_SCOPES = List.of("billing/read", "billing/write", "billing/post");

    static {
        Log.install();
    }

    public TokenClaimsHandler() {
        this(System.getenv());
    }

    public TokenClaimsHandler(Map<String, String> env) {
        // nothing to read: the claims come from the event alone
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.Scope scope = Log.open(context);
        try {
            Map<String, Object> event = StreamJson.read(input);
            if (event == null) {
                throw new IllegalArgumentException("the pre token generation event is empty");
            }
            StreamJson.write(withClaims(event), output);
        } catch (RuntimeException | IOException failure) {
            Log.error("token-claims.failed", "the pre token generation trigger failed: " + failure, failure);
            throw failure;
        } finally {
            scope.close();
        }
    }

    /** The event with the claims to add to the access token (and nothing else changed) in its response. */
    static Map<String, Object> withClaims(Map<String, Object> event) {
        Map<String, String> attributes = attributes(event);
        Map<String, Object> claims = new LinkedHashMap<>();
        String tenant = attributes.get("custom:tenant");
        if (tenant != null && !tenant.isBlank()) {
            claims.put("tenant", tenant);
        }
        String email = attributes.get("email");
        if (email != null && "true".equals(attributes.get("email_verified"))) {
            claims.put("email", email);
        }
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("claimsToAddOrOverride", claims);
        List<String> withheld = BILLING_SCOPES.stream().filter(scope -> !groups(event).contains(scope.replace('/', '-'))).toList();
        if (!withheld.isEmpty()) {
            access.put("scopesToSuppress", withheld);
        }
        Map<String, Object> answer = new LinkedHashMap<>(event);
        Map<String, Object> response = new LinkedHashMap<>();
        if (event.get("response") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> response.put(String.valueOf(name), value));
        }
        response.put("claimsAndScopeOverrideDetails", Map.of("accessTokenGeneration", access));
        answer.put("response", response);
        return answer;
    }

    /** The user's groups (request.groupConfiguration.groupsToOverride). */
    private static List<String> groups(Map<String, Object> event) {
        if (event.get("request") instanceof Map<?, ?> request && request.get("groupConfiguration") instanceof Map<?, ?> configuration
                && configuration.get("groupsToOverride") instanceof List<?> groups) {
            return groups.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Map<String, String> attributes(Map<String, Object> event) {
        Map<String, String> attributes = event.get("request") instanceof Map<?, ?> request
                ? StreamJson.texts(request.get("userAttributes")) : null;
        return attributes == null ? Map.of() : attributes;
    }
}
