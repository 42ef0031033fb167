package com.billrun.functions.tokenclaims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.ProjectRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pre token generation trigger puts into the access token exactly the claims the API reads (tenant, email). */
class TokenClaimsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = ProjectRoot.find().orElseThrow().resolve("events/tokenclaims/hosted-sign-in.json");

    private static JsonNode invoke(JsonNode event) throws IOException {
        var output = new ByteArrayOutputStream();
        new TokenClaimsHandler().handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output, null);
        return JSON.readTree(output.toByteArray());
    }

    private static ObjectNode sample() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(SAMPLE));
    }

    @Test
    void theAccessTokenGetsTheTenantAndTheVerifiedEmail() throws IOException {
        JsonNode answer = invoke(sample());

        assertEquals(JSON.readTree("{\"tenant\":\"acme\",\"email\":\"ana@acme.example\"}"),
                answer.at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/claimsToAddOrOverride"));
        assertFalse(answer.at("/response/claimsAndScopeOverrideDetails").has("idTokenGeneration"), "the ID token is left as it is");
        // the rest of the event comes back unchanged, as Cognito expects
        ObjectNode withoutResponse = sample();
        withoutResponse.remove("response");
        ObjectNode answered = answer.deepCopy();
        answered.remove("response");
        assertEquals(withoutResponse, answered);
    }

    @Test
    void theUserKeepsOnlyTheScopesTheirGroupsGrant() throws IOException {
        // the sample's user is in billing-read and billing-write: billing/post leaves the access token
        assertEquals(JSON.readTree("[\"billing/post\"]"),
                invoke(sample()).at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/scopesToSuppress"));

        ObjectNode poster = sample();
        ((ObjectNode) poster.at("/request/groupConfiguration")).putArray("groupsToOverride")
                .add("billing-read").add("billing-write").add("billing-post");
        assertTrue(invoke(poster).at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/scopesToSuppress").isMissingNode(),
                "all three granted: nothing suppressed");

        ObjectNode nobody = sample();
        ((ObjectNode) nobody.at("/request/groupConfiguration")).putArray("groupsToOverride");
        assertEquals(JSON.readTree("[\"billing/read\",\"billing/write\",\"billing/post\"]"),
                invoke(nobody).at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/scopesToSuppress"));
    }

    @Test
    void anUnverifiedEmailIsNotVouchedFor() throws IOException {
        ObjectNode event = sample();
        ((ObjectNode) event.at("/request/userAttributes")).put("email_verified", "false");

        assertEquals(JSON.readTree("{\"tenant\":\"acme\"}"),
                invoke(event).at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/claimsToAddOrOverride"));
    }

    @Test
    void aUserWithoutATenantGetsNoTenantClaim() throws IOException {
        ObjectNode event = sample();
        ((ObjectNode) event.at("/request/userAttributes")).remove("custom:tenant");

        assertEquals(JSON.readTree("{\"email\":\"ana@acme.example\"}"),
                invoke(event).at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/claimsToAddOrOverride"));
    }
}
