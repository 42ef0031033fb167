package com.billrun.local.http;

import java.util.List;
import java.util.Map;

/** What the JWT authorizer decided, before any function runs. */
public sealed interface AuthorizerDecision {

    /** Claims as API Gateway passes them to the function: every value a string. */
    record Allowed(Map<String, String> claims, List<String> scopes) implements AuthorizerDecision {
    }

    /** 401: no token, or one that fails signature, issuer, audience or expiry. */
    record Unauthorized(String reason) implements AuthorizerDecision {
    }

    /** 403: a valid token without any of the route's scopes. */
    record Forbidden(List<String> requiredScopes) implements AuthorizerDecision {
    }
}
