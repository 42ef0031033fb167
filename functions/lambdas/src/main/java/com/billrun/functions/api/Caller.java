package com.billrun.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.billrun.core.EmailAddress;
import com.billrun.core.RequestLimits;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, as the API's JWT authorizer vouched for it (infra/openapi.yaml): the tenant whose data they see
 * (claim {@code tenant}), their email (claim {@code email}, where run notifications go) and their permissions
 * (claim {@code scope}, space-separated).
 */
public record Caller(String tenantId, String email, Set<String> scopes) {

    public static final String READ = "billing/read";
    public static final String WRITE = "billing/write";
    public static final String POST = "billing/post";
    /** Far more than the three scopes of infra/openapi.yaml and any an identity provider adds beside them. */
    static final int MAX_SCOPE_CLAIM_LENGTH = 1024;

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /**
     * The claims as the authorizer passed them, each checked before anything uses it (401, never a 500 from a key or
     * an email built of them): {@code tenant} an id (1-64 letters, digits, '.', '_' or '-': it starts every key),
     * {@code email}, when present, an address ({@link EmailAddress}: it becomes a run's initiator and a schedule's
     * owner, and receives mail), {@code scope} at most {@value #MAX_SCOPE_CLAIM_LENGTH} characters.
     */
    static Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String tenant = claims.get("tenant");
        if (!RequestLimits.isValidId(tenant)) {
            throw ApiProblem.unauthorized("the token carries no valid tenant claim (1-64 letters, digits, '.', '_' or '-')");
        }
        String email = claims.get("email");
        if (email != null && !EmailAddress.isValid(email)) {
            throw ApiProblem.unauthorized("the token's email claim is not an email address: it "
                    + EmailAddress.problem(email).orElseThrow());
        }
        String scope = claims.getOrDefault("scope", "");
        if (scope.length() > MAX_SCOPE_CLAIM_LENGTH) {
            throw ApiProblem.unauthorized("the token's scope claim is longer than " + MAX_SCOPE_CLAIM_LENGTH + " characters");
        }
        Set<String> scopes = Arrays.stream(scope.split("\\s+"))
                .filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        return new Caller(tenant, email, scopes);
    }

    void require(String scope) {
        if (!scopes.contains(scope)) {
            throw ApiProblem.missingScope(scope);
        }
    }

    /** {@code field} of the request asks for what needs {@code scope} (403 naming the field). */
    void require(String scope, String field) {
        if (!scopes.contains(scope)) {
            throw ApiProblem.missingScope(scope, field);
        }
    }
}
