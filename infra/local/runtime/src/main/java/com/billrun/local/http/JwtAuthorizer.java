package com.billrun.local.http;

import com.billrun.local.http.AuthorizerDecision.Allowed;
import com.billrun.local.http.AuthorizerDecision.Forbidden;
import com.billrun.local.http.AuthorizerDecision.Unauthorized;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plays API Gateway's JWT authorizer for the HTTP API: the token from {@code Authorization} (with or without
 * {@code Bearer }) must be signed by the configured key (RS256), name the issuer, name one of the audiences and
 * not be expired; a route with scopes requires at least one of them in the token's {@code scope} (or
 * {@code scp}) claim.
 */
public final class JwtAuthorizer {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtAuthorizer(RSAKey verificationKey, String issuer, Set<String> audiences) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(verificationKey))));
        // nimbus probes the audience set with contains(null), which Set.of refuses: hand it a HashSet.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new java.util.HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null));
    }

    public static JwtAuthorizer forDevTokens(DevTokens tokens) {
        return new JwtAuthorizer(tokens.verificationKey(), DevTokens.ISSUER, Set.of(DevTokens.AUDIENCE));
    }

    public AuthorizerDecision authorize(String authorizationHeader, List<String> routeScopes) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Unauthorized("no token");
        }
        String token = authorizationHeader.strip().replaceFirst("(?i)^bearer\\s+", "");
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) {
            return new Unauthorized(e.getMessage());
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) {
            return new Forbidden(routeScopes);
        }
        return new Allowed(stringClaims(claims), scopes);
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope") != null ? claims.getClaim("scope") : claims.getClaim("scp");
        return switch (scope) {
            case null -> List.of();
            case String text -> Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            case Collection<?> list -> list.stream().map(String::valueOf).toList();
            default -> List.of(String.valueOf(scope));
        };
    }

    /** API Gateway hands claims over as strings: numbers as digits, arrays as {@code [a b]}. */
    private static Map<String, String> stringClaims(JWTClaimsSet claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> strings.put(name, switch (value) {
            case Collection<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
            default -> String.valueOf(value);
        }));
        return strings;
    }
}
