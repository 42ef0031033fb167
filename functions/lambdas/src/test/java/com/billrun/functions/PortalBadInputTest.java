package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed and invalid requests to the account routes: each is refused with problem+json naming the field
 * (400 when it cannot be read as asked, 422 when it breaks a rule), never a 500, and writes nothing.
 */
class PortalBadInputTest {

    private static final String ACCOUNT = "\"name\":\"N\",\"billToEmail\":\"a@b.example\",\"currency\":\"USD\",\"billCycleDay\":1";
    private static final String CHARGE = "\"name\":\"Plan\",\"type\":\"RECURRING\",\"model\":\"FLAT_FEE\",\"billingPeriod\":\"MONTH\",\"billingTiming\":\"IN_ADVANCE\"";
    private static Portal portal;

    @BeforeAll
    static void anAccountToWriteTo() {
        portal = Portal.fresh("bad-input");
        portal.ok(portal.post("/accounts", "{\"id\":\"A1\"," + ACCOUNT + "}"), 201);
    }

    @ParameterizedTest(name = "{0} {1} -> {3} naming {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/accounts | wrong currency       | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`XYZ`,`billCycleDay`:1} | 422 | currency",
            "/accounts | lower-case currency  | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`usd`,`billCycleDay`:1} | 422 | currency",
            "/accounts | no minor units       | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`XAU`,`billCycleDay`:1} | 422 | currency",
            "/accounts | BCD 32               | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`USD`,`billCycleDay`:32} | 422 | billCycleDay",
            "/accounts | BCD as text          | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`USD`,`billCycleDay`:`1`} | 400 | billCycleDay",
            "/accounts | BCD 1.5              | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`USD`,`billCycleDay`:1.5} | 400 | billCycleDay",
            "/accounts | huge BCD             | {`name`:`N`,`billToEmail`:`a@b.example`,`currency`:`USD`,`billCycleDay`:99999999999999999999} | 400 | billCycleDay",
            "/accounts | unknown field        | {" + ACCOUNT + ",`colour`:`red`}                  | 400 | colour",
            "/accounts | bad email            | {`name`:`N`,`billToEmail`:`nobody`,`currency`:`USD`,`billCycleDay`:1} | 422 | billToEmail",
            "/accounts | tax rate 101         | {" + ACCOUNT + ",`taxRate`:`101`}                 | 422 | taxRate",
            "/accounts | tax rate 1E+999999999| {" + ACCOUNT + ",`taxRate`:1E+999999999}           | 422 | taxRate",
            "/accounts | tax rate of 60 digits | {" + ACCOUNT + ",`taxRate`:123456789012345678901234567890123456789012345678901234567890} | 422 | taxRate",
            "/accounts | id with #            | {" + ACCOUNT + ",`id`:`A#1`}                      | 422 | id",
            "/accounts | duplicate key        | {" + ACCOUNT + ",`name`:`M`}                      | 400 | ",
            "/accounts | trailing garbage     | {" + ACCOUNT + "} x                               | 400 | ",
            "/accounts | not JSON             | name=N                                            | 400 | ",
            "/accounts | an array             | [1,2]                                             | 400 | ",
            "/accounts | name with a newline  | {`name`:`N\\nM`,`billToEmail`:`a@b.example`,`currency`:`USD`,`billCycleDay`:1} | 400 | name",
            "/accounts/A1/subscriptions | 2024-02-30      | {`startDate`:`2024-02-30`,`charges`:[{" + CHARGE + ",`price`:`1`}]} | 400 | startDate",
            "/accounts/A1/subscriptions | year 10000      | {`startDate`:`+10000-01-01`,`charges`:[{" + CHARGE + ",`price`:`1`}]} | 400 | startDate",
            "/accounts/A1/subscriptions | 3 decimals USD  | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:`1.005`}]} | 422 | charges[0].price",
            "/accounts/A1/subscriptions | 7 decimals      | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:`1.0000001`}]} | 422 | charges[0].price",
            "/accounts/A1/subscriptions | price 1E+999999999 | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:1E+999999999}]} | 422 | charges[0].price",
            "/accounts/A1/subscriptions | price as text exp  | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:`1E+9`}]} | 400 | charges[0].price",
            "/accounts/A1/subscriptions | no charges      | {`startDate`:`2026-01-01`,`charges`:[]}            | 422 | charges",
            "/accounts/A1/subscriptions | unknown period  | {`startDate`:`2026-01-01`,`charges`:[{`name`:`P`,`type`:`RECURRING`,`model`:`FLAT_FEE`,`price`:`1`,`billingPeriod`:`DECADE`,`billingTiming`:`IN_ADVANCE`}]} | 400 | charges[0].billingPeriod",
            "/accounts/A1/subscriptions | no timing       | {`startDate`:`2026-01-01`,`charges`:[{`name`:`P`,`type`:`RECURRING`,`model`:`FLAT_FEE`,`price`:`1`,`billingPeriod`:`MONTH`}]} | 422 | charges[0].billingTiming",
            "/accounts/A1/subscriptions | tiers unordered | {`startDate`:`2026-01-01`,`charges`:[{`name`:`P`,`type`:`USAGE`,`model`:`TIERED`,`billingPeriod`:`MONTH`,`billingTiming`:`IN_ARREARS`,`tiers`:[{`upTo`:`10`,`unitPrice`:`1`},{`upTo`:`5`,`unitPrice`:`1`},{`unitPrice`:`1`}]}]} | 422 | charges[0].tiers[1].upTo",
            "/accounts/A1/subscriptions | discount both   | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:`1`,`discount`:{`percent`:`5`,`amount`:`1`}}]} | 422 | charges[0].discount.percent",
            "/accounts/A1/subscriptions | end before start| {`startDate`:`2026-01-01`,`endDate`:`2025-01-01`,`charges`:[{" + CHARGE + ",`price`:`1`}]} | 422 | endDate",
            "/accounts/A1/subscriptions | taxable as text | {`startDate`:`2026-01-01`,`charges`:[{" + CHARGE + ",`price`:`1`,`taxable`:`no`}]} | 400 | charges[0].taxable",
            "/accounts/A1/usage         | empty list      | []                                                  | 422 | ",
            "/accounts/A1/usage         | unknown sub     | {`subscriptionId`:`S9`,`chargeId`:`c1`,`quantity`:`1`,`date`:`2026-01-01`} | 422 | subscriptionId",
            "/accounts/A1/invoice-preview | no target     | {}                                                  | 422 | targetDate",
            "/accounts/A1/invoice-preview | bad exclusion | {`targetDate`:`2026-01-01`,`chargeTypesToExclude`:[`SOMETIMES`]} | 400 | chargeTypesToExclude[0]",
            "/subscriptions/S1/cancel   | no date         | {`effectiveDate`:null}                              | 422 | effectiveDate",
    })
    void isRefusedNamingTheFieldAndWritesNothing(String path, String what, String body, int status, String field) {
        int before = portal.itemCount();

        HttpResponse<String> refused = portal.offSpec().post(path, body.replace('`', '"'));

        assertEquals(status, refused.statusCode(), what + ": " + refused.body());
        JsonNode problem = LocalBillrun.json(refused.body());
        assertEquals(status, problem.get("status").asInt());
        assertEquals(field == null ? "" : field, problem.path("field").asText(""), refused.body());
        assertEquals(before, portal.itemCount(), what + " wrote nothing");
    }

    @Test
    void aBodyOfAnotherContentTypeIs415NamingTheHeader() {
        int before = portal.itemCount();

        var plainText = portal.offSpec().sendAs("text/plain", "POST", "/accounts", "{" + ACCOUNT + "}");

        assertEquals(415, plainText.statusCode(), plainText.body());
        assertEquals("Content-Type", LocalBillrun.json(plainText.body()).get("field").asText());
        // the spec names application/json; the API also reads any +json type (off the spec, accepted)
        assertEquals(201, portal.offSpec().sendAs("application/merge-patch+json; charset=utf-8", "POST", "/accounts", "{" + ACCOUNT + "}").statusCode());
        assertEquals(before + 2, portal.itemCount(), "the account and its listing");
    }

    @Test
    void tooDeepTooBigAndMissingBodiesAre400() {
        String deep = "{\"name\":" + "[".repeat(20) + "]".repeat(20) + "}";
        String big = "{\"name\":\"" + "x".repeat(300_000) + "\"}";

        assertEquals(400, portal.offSpec().post("/accounts", deep).statusCode());
        assertEquals(400, portal.offSpec().post("/accounts", big).statusCode());
        assertEquals(400, portal.offSpec().post("/accounts", null).statusCode());
        assertEquals(400, portal.offSpec().post("/accounts", "").statusCode());
        assertEquals(422, portal.offSpec().post("/accounts", "{\"name\":\"" + "x".repeat(201) + "\",\"billToEmail\":\"a@b.example\","
                + "\"currency\":\"USD\",\"billCycleDay\":1}").statusCode());
    }
}
