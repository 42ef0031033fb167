package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST, GET and DELETE /schedules (infra/openapi.yaml) through the local HTTP API, as a portal calls them. */
class ScheduleApiTest {

    private static final String OWNER = "cfo@acme.example";
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void schedulesAreCreatedListedWithTheirNextRunAcrossTheDstChangeAndDeleted() {
        Tenants tenant = Tenants.fresh(local, "sched-crud");
        // its runs post (autoPost): creating it needs billing/post besides billing/write
        String token = token(tenant, "billing/read billing/write billing/post");

        // 09:00 in New York the day before and the day after the spring-forward of 2030-03-10: EST, then EDT
        var before = create(token, "cron(0 9 9 3 ? 2030)", "America/New_York", """
                {"billCycleDay":1,"autoPost":true,"invoiceDateOffsetDays":-1,"chargeTypesToExclude":["USAGE"]}""");
        var after = create(token, "cron(0 9 11 3 ? 2030)", "America/New_York", null);

        assertEquals(201, before.statusCode(), before.body());
        JsonNode created = LocalBillrun.json(before.body());
        assertEquals("2030-03-09T14:00:00Z", created.get("nextRunAt").asText());
        assertEquals("2030-03-11T13:00:00Z", LocalBillrun.json(after.body()).get("nextRunAt").asText());
        assertEquals(OWNER, created.get("ownerEmail").asText(), "the caller owns it");
        assertEquals("cron(0 9 9 3 ? 2030)", created.get("expression").asText());
        assertEquals("America/New_York", created.get("timeZone").asText());
        assertEquals(1, created.at("/run/billCycleDay").asInt());
        assertEquals(-1, created.at("/run/invoiceDateOffsetDays").asInt());
        assertEquals("USAGE", created.at("/run/chargeTypesToExclude/0").asText());
        assertTrue(created.at("/run/autoPost").asBoolean());

        var firstPage = local.call("GET", "/schedules?limit=1", token, null);
        var secondPage = local.call("GET", "/schedules?limit=1&cursor="
                + LocalBillrun.json(firstPage.body()).get("nextCursor").asText(), token, null);
        assertEquals(200, firstPage.statusCode(), firstPage.body());
        assertEquals(2, ids(firstPage).size() + ids(secondPage).size());

        String id = created.get("id").asText();
        var deleted = local.call("DELETE", "/schedules/" + id, token, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        assertEquals(404, local.call("DELETE", "/schedules/" + id, token, null).statusCode());
        assertEquals(List.of(LocalBillrun.json(after.body()).get("id").asText()), ids(local.call("GET", "/schedules", token, null)));
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"timeZone\":\"Europe/Paris\"}                                             | 422 | expression",
            "{\"expression\":\"cron(0 2 1 * ?)\",\"timeZone\":\"Europe/Paris\"}          | 422 | expression",
            "{\"expression\":\"cron(0 2 1 * * *)\",\"timeZone\":\"Europe/Paris\"}        | 422 | expression",
            "{\"expression\":\"at(2030-12-01T00:00:00)\",\"timeZone\":\"UTC\"}           | 422 | expression",
            "{\"expression\":\"rate(1 days)\",\"timeZone\":\"UTC\"}                      | 422 | expression",
            "{\"expression\":\"cron(0 0 30 2 ? *)\",\"timeZone\":\"UTC\"}                | 422 | expression",
            "{\"expression\":\"cron(30 2 * * ? *)\",\"timeZone\":\"America/New_York\"}   | 422 | expression",
            "{\"expression\":\"cron(0 2 ? * SUN *)\",\"timeZone\":\"Europe/Paris\"}      | 422 | expression",
            "{\"expression\":42,\"timeZone\":\"UTC\"}                                    | 400 | expression",
            "{\"expression\":\"cron(0 2 1 * ? *)\"}                                      | 422 | timeZone",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"Mars/Olympus\"}        | 422 | timeZone",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"+05:00\"}              | 422 | timeZone",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"every\":1}     | 400 | every",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":[]} | 400 | run",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":{\"billCycleDay\":32}}         | 422 | run.billCycleDay",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":{\"autopost\":true}}           | 400 | run.autopost",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":{\"targetDate\":\"2030-01-01\"}} | 400 | run.targetDate",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":{\"invoiceDateOffsetDays\":40}} | 422 | run.invoiceDateOffsetDays",
            "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\",\"run\":{\"chargeTypesToExclude\":[\"RECURRING\",\"ONE_TIME\",\"USAGE\"]}} | 422 | run.chargeTypesToExclude",
            "[1,2]                                                                       | 400 | ",
    })
    void aBadScheduleIsRefusedNamingTheFieldAndNothingIsStored(String body, int status, String field) {
        Tenants tenant = Tenants.fresh(local, "sched-bad");
        String token = token(tenant, "billing/read billing/write");

        HttpResponse<String> refused = local.call(ApiContract.Intent.OFF_SPEC, "POST", "/schedules", token, body);

        assertEquals(status, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
        assertEquals(field == null ? "" : field, LocalBillrun.json(refused.body()).path("field").asText(""), refused.body());
        assertEquals(List.of(), ids(local.call("GET", "/schedules", token, null)));
    }

    @Test
    void aScheduleInADstGapIsRefusedWithAMessageSayingWhy() {
        Tenants tenant = Tenants.fresh(local, "sched-dst");
        var refused = create(token(tenant, "billing/write"), "cron(30 2 * * ? *)", "America/New_York", null);

        assertEquals(422, refused.statusCode());
        String detail = LocalBillrun.json(refused.body()).get("detail").asText();
        assertTrue(detail.contains("02:30") && detail.contains("summer time"), detail);
    }

    @Test
    void anotherTenantsScheduleIsNotFoundNorListedAndStaysInPlace() {
        Tenants owner = Tenants.fresh(local, "sched-owner");
        Tenants other = Tenants.fresh(local, "sched-other");
        String ownerToken = token(owner, "billing/read billing/write");
        String id = LocalBillrun.json(create(ownerToken, "cron(0 6 1 * ? 2030)", "Europe/Paris", null).body()).get("id").asText();

        var refused = local.call("DELETE", "/schedules/" + id, token(other, "billing/read billing/write"), null);

        assertEquals(404, refused.statusCode(), refused.body());
        assertEquals(List.of(), ids(local.call("GET", "/schedules", token(other, "billing/read"), null)));
        assertEquals(List.of(id), ids(local.call("GET", "/schedules", ownerToken, null)));
    }

    @Test
    void writingNeedsTheWriteScopeAndReadingTheReadScope() {
        Tenants tenant = Tenants.fresh(local, "sched-scopes");
        String readOnly = token(tenant, "billing/read");

        assertEquals(403, create(readOnly, "cron(0 6 1 * ? *)", "UTC", null).statusCode());
        assertEquals(403, local.call("DELETE", "/schedules/x", readOnly, null).statusCode());
        assertEquals(403, local.call("GET", "/schedules", token(tenant, "billing/write"), null).statusCode());
        assertEquals(List.of(), ids(local.call("GET", "/schedules", readOnly, null)));
    }

    HttpResponse<String> create(String token, String expression, String timeZone, String run) {
        return local.call("POST", "/schedules", token, """
                {"name":"Monthly","expression":"%s","timeZone":"%s"%s}""".formatted(expression, timeZone,
                run == null ? "" : ",\"run\":" + run));
    }

    private String token(Tenants tenant, String scopes) {
        return local.token(tenant.tenantId(), OWNER, scopes.split(" "));
    }

    private static List<String> ids(HttpResponse<String> listing) {
        assertEquals(200, listing.statusCode(), listing.body());
        return StreamSupport.stream(LocalBillrun.json(listing.body()).get("items").spliterator(), false)
                .map(item -> item.get("id").asText()).toList();
    }
}
