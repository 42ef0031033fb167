package com.billrun.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    static Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String tenant = claims.get("tenant");
        if (tenant == null || tenant.isBlank() || tenant.contains("#")) {
            throw ApiProblem.unauthorized("the token carries no valid tenant claim");
        }
        Set<String> scopes = Arrays.stream(claims.getOrDefault("scope", "").split("\\s+"))
                .filter(scope -> !scope.isEmpty()).collect(Collectors.toSet());
        return new Caller(tenant, claims.get("email"), scopes);
    }

    void require(String scope) {
        if (!scopes.contains(scope)) {
            throw ApiProblem.missingScope(scope);
        }
    }
}
