package com.billrun.local.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues the development tokens the local JWT authorizer accepts: RS256, signed with a local key, carrying the
 * claims the API reads on AWS ({@code tenant}, {@code email}, {@code scope} space-separated). The key lives in a
 * file (by default {@code .billrun/dev-signing-key.json} at the repository root, git-ignored) so that a token
 * printed by {@code ./billrun token} is accepted by a {@code ./billrun serve} started in another terminal.
 */
public final class DevTokens {

    public static final String ISSUER = "https://billrun.local/dev";
    public static final String AUDIENCE = "billrun-api";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private final RSAKey signingKey;
    private final Clock clock;

    public DevTokens(RSAKey signingKey, Clock clock) {
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /** A fresh key for this process only (tests). */
    public static DevTokens ephemeral() {
        return new DevTokens(generateKey(), Clock.systemUTC());
    }

    /** The key stored in {@code keyFile}, created on first use. */
    public static DevTokens fromKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Files.writeString(keyFile, generateKey().toJSONString());
                restrictToOwner(keyFile);
            }
            return new DevTokens(RSAKey.parse(Files.readString(keyFile)), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev signing key " + keyFile, e);
        } catch (ParseException e) {
            throw new IllegalStateException(keyFile + " is not an RSA JWK; delete it to get a new one", e);
        }
    }

    public String issue(String tenant, String email, List<String> scopes) {
        return issue(tenant, email, scopes, DEFAULT_LIFETIME);
    }

    public String issue(String tenant, String email, List<String> scopes, Duration lifetime) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(email)
                .claim("tenant", tenant)
                .claim("email", email)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** Signs any claims with the dev key (tests use it for tokens with a wrong audience, issuer or expiry). */
    public String sign(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    /** What the authorizer verifies with; the private half never leaves this class. */
    public RSAKey verificationKey() {
        return signingKey.toPublicJWK();
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("billrun-dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the key is a development key anyway
        }
    }
}
