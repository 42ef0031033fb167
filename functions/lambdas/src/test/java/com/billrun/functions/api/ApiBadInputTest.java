package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: malformed requests across the routes of infra/openapi.yaml, each answered with a
 * 4xx {@code application/problem+json} whose {@code field} names the culprit (never a 500), and nothing of the
 * tenant's items changed (read straight from DynamoDB before and after).
 *
 * <p>A row marked {@code knownBug} is one the product does not refuse yet: it is skipped (aborted) with the bug and
 * the failed expectation while it fails, and passes by itself once the product is fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBadInputTest {

    private static final String ACCOUNT = """
            "name":"Acme","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1""";
    private static final String CHARGE = """
            "name":"Plan","type":"RECURRING","model":"FLAT_FEE","price":"10.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE\"""";
    private static final String SCHEDULE = """
            "expression":"cron(0 2 1 * ? *)","timeZone":"Europe/Paris\"""";

    private final String tenant = ApiFixture.tenant("bad");
    private final String token = allScopes(tenant);
    private String runId;

    /** What a request must be refused with: one of {@code statuses}, and {@code field} (null: a body-level problem). */
    record Row(String name, String method, String path, String contentType, Supplier<byte[]> body, Set<Integer> statuses,
               String field, Map<String, String> headers, String knownBug) {

        Row(String name, String method, String path, String contentType, Supplier<byte[]> body, Set<Integer> statuses,
            String field, Map<String, String> headers) {
            this(name, method, path, contentType, body, statuses, field, headers, null);
        }

        /** The product does not refuse this yet: the row is skipped with the bug while it fails, and passes once fixed. */
        Row knownBug(String bug) {
            return new Row(name, method, path, contentType, body, statuses, field, headers, bug);
        }

        @Override
        public String toString() {
            return name;
        }

        Row header(String name, String value) {
            return new Row(this.name, method, path, contentType, body, statuses, field, Map.of(name, value), knownBug);
        }

        Row named(String title) {
            return new Row(title, method, path, contentType, body, statuses, field, headers, knownBug);
        }

        Row contentType(String type) {
            return new Row(name, method, path, type, body, statuses, field, headers, knownBug);
        }
    }

    @BeforeAll
    void aTenantWithAnAccountASubscriptionAndACompletedRun() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.ok(201, ApiFixture.call("POST", "/accounts/A1/subscriptions", token, """
                {"id":"S1","startDate":"2026-12-01","charges":[{"id":"plan",%s},
                 {"id":"calls","name":"Calls","type":"USAGE","model":"PER_UNIT","price":"0.05","billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}"""
                .formatted(CHARGE)));
        runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
    }

    static Stream<Row> malformed() {
        return Stream.of(
                // ---- POST /accounts
                post("/accounts", "{\"name\":42,\"billToEmail\":\"ap@acme.example\",\"currency\":\"USD\",\"billCycleDay\":1}", "name", 400),
                post("/accounts", account("\"billCycleDay\":0"), "billCycleDay", 422).named("BCD 0"),
                post("/accounts", account("\"billCycleDay\":32"), "billCycleDay", 422).named("BCD 32"),
                post("/accounts", account("\"billCycleDay\":\"1\""), "billCycleDay", 400).named("BCD as a string"),
                post("/accounts", account("\"billCycleDay\":1.5"), "billCycleDay", 400).named("BCD 1.5"),
                post("/accounts", account("\"billCycleDay\":1e400"), "billCycleDay", 400).named("BCD 1e400"),
                post("/accounts", account("\"currency\":\"XYZ\""), "currency", 422).named("currency XYZ"),
                post("/accounts", account("\"currency\":\"XAU\""), "currency", 422).named("currency XAU (no minor units)"),
                post("/accounts", account("\"currency\":\"usd\""), "currency", 400, 422).named("currency lower case"),
                post("/accounts", account("\"currency\":[\"USD\"]"), "currency", 400).named("currency as an array"),
                post("/accounts", account("\"billToEmail\":\"not-an-email\""), "billToEmail", 422).named("email without @"),
                post("/accounts", account("\"billToEmail\":\"" + "a".repeat(250) + "@x.example\""), "billToEmail", 400, 422)
                        .named("email of 260 characters"),
                post("/accounts", account("\"name\":\"\""), "name", 400, 422).named("empty name"),
                post("/accounts", account("\"name\":\"   \""), "name", 400, 422).named("blank name"),
                post("/accounts", account("\"name\":null"), "name", 400, 422).named("null name"),
                post("/accounts", account("\"name\":\"" + "N".repeat(201) + "\""), "name", 400, 422).named("name of 201 characters"),
                post("/accounts", account("\"id\":\"A#1\""), "id", 400, 422).named("id with #"),
                post("/accounts", account("\"id\":\"" + "i".repeat(65) + "\""), "id", 400, 422).named("id of 65 characters"),
                post("/accounts", account("\"taxRate\":\"abc\""), "taxRate", 400).named("taxRate abc"),
                post("/accounts", account("\"taxRate\":1E+999999999"), "taxRate", 400, 422).named("taxRate 1E+999999999"),
                post("/accounts", account("\"taxRate\":\"1E+999999999\""), "taxRate", 400, 422).named("taxRate \"1E+999999999\""),
                post("/accounts", account("\"taxRate\":\"101\""), "taxRate", 422).named("taxRate 101"),
                post("/accounts", account("\"taxRate\":\"-1\""), "taxRate", 400, 422).named("taxRate -1"),
                post("/accounts", account("\"taxRate\":\"8.12345\""), "taxRate", 400, 422).named("taxRate with 5 decimals"),
                post("/accounts", account("\"paymentTermDays\":-1"), "paymentTermDays", 422).named("paymentTermDays -1"),
                post("/accounts", account("\"paymentTermDays\":99999999999"), "paymentTermDays", 400, 422).named("paymentTermDays beyond int"),
                post("/accounts", account("\"colour\":\"blue\""), "colour", 400).named("unknown field"),
                post("/accounts", account("\"batch\":" + nested(1000)), null, 400).named("JSON nested 1000 deep"),
                post("/accounts", account("\"batch\":" + nested(11)), null, 400).named("JSON nested 12 deep (limit 10)"),
                post("/accounts", "{\"name\":" + nested(5000) + "}", null, 400).named("JSON nested 5000 deep"),
                post("/accounts", account("\"batch\":\"Batch#7\""), "batch", 400, 422).named("batch with #"),
                new Row("missing body", "POST", "/accounts", "application/json", () -> null, Set.of(400), null, Map.of()),
                post("/accounts", "", null, 400).named("empty body"),
                post("/accounts", "name=Acme&currency=USD", null, 400).named("form body"),
                post("/accounts", "{\"name\":\"Acme\",", null, 400).named("truncated JSON"),
                post("/accounts", "[{" + ACCOUNT + "}]", null, 400).named("an array body"),
                post("/accounts", "\"Acme\"", null, 400).named("a string body"),
                post("/accounts", "null", null, 400).named("a null body"),
                post("/accounts", "{" + ACCOUNT + ",\"billCycleDay\":32}", null, 400).named("duplicate key, the second one bad"),
                post("/accounts", account("\"billCycleDay\":01"), null, 400).named("number with a leading zero"),
                post("/accounts", account("\"name\":\"Acme\\u0000\""), "name", 400, 422).named("name with a NUL character"),
                post("/accounts", "{" + ACCOUNT + "}", null, 400, 415).contentType("text/plain").named("content type text/plain"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\"}", null, 400, 415).contentType("application/x-www-form-urlencoded")
                        .named("run as a form content type"),
                new Row("body over 256 KiB", "POST", "/accounts", "application/json",
                        () -> ("{" + ACCOUNT.replace("\"Acme\"", "\"" + "A".repeat(300 * 1024) + "\"") + "}").getBytes(StandardCharsets.UTF_8),
                        Set.of(400, 413), null, Map.of()),
                post("/accounts", "{" + ACCOUNT + "}", "Idempotency-Key", 400, 422).header("Idempotency-Key", "k".repeat(256))
                        .named("Idempotency-Key of 256 characters"),

                // ---- POST /accounts/{id}/subscriptions
                post("/accounts/A1/subscriptions", subscription("\"startDate\":\"2024-02-30\""), "startDate", 400).named("start 2024-02-30"),
                post("/accounts/A1/subscriptions", subscription("\"startDate\":\"2023-02-29\""), "startDate", 400).named("start 2023-02-29"),
                post("/accounts/A1/subscriptions", subscription("\"startDate\":\"2026/12/01\""), "startDate", 400).named("start 2026/12/01"),
                post("/accounts/A1/subscriptions", subscription("\"startDate\":20261201"), "startDate", 400).named("start as a number"),
                post("/accounts/A1/subscriptions", subscription("\"endDate\":\"2026-11-01\""), "endDate", 422).named("end before start"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\"}", "charges", 422).named("no charges"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":[]}", "charges", 422).named("empty charges"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":\"plan\"}", "charges", 400).named("charges a string"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":[42]}", "charges[0]", 400).named("charge a number"),
                post("/accounts/A1/subscriptions", charge("\"type\":\"WEEKLY\""), "charges[0].type", 400).named("charge type WEEKLY"),
                post("/accounts/A1/subscriptions", charge("\"model\":null"), "charges[0].model", 422).named("charge without a model"),
                post("/accounts/A1/subscriptions", charge("\"price\":\"1E+999999999\""), "charges[0].price", 400, 422).named("price 1E+999999999"),
                post("/accounts/A1/subscriptions", charge("\"price\":1e400"), "charges[0].price", 400, 422).named("price 1e400"),
                post("/accounts/A1/subscriptions", charge("\"price\":\"9999999999999.00\""), "charges[0].price", 400, 422).named("price of 13 digits"),
                post("/accounts/A1/subscriptions", charge("\"price\":\"0.1234567\""), "charges[0].price", 400, 422).named("price with 7 decimals"),
                post("/accounts/A1/subscriptions", charge("\"price\":\"-10.00\""), "charges[0].price", 400, 422).named("negative price"),
                post("/accounts/A1/subscriptions", charge("\"quantity\":\"-1\""), "charges[0].quantity", 400, 422).named("negative quantity"),
                post("/accounts/A1/subscriptions", charge("\"discount\":{\"amount\":\"1.005\"}"), "charges[0].discount.amount", 400, 422)
                        .named("3 decimals in USD (discount amount)"),
                post("/accounts/A1/subscriptions", charge("\"discount\":{\"percent\":\"10\",\"amount\":\"1.00\"}"), "charges[0].discount.percent", 422)
                        .named("discount percent and amount"),
                post("/accounts/A1/subscriptions", charge("\"colour\":\"blue\""), "charges[0].colour", 400).named("unknown charge field"),
                post("/accounts/A1/subscriptions", charge("\"id\":\"c#1\""), "charges[0].id", 400, 422).named("charge id with #"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":["
                        + IntStream.range(0, 51).mapToObj(i -> "{" + CHARGE + "}").collect(Collectors.joining(",")) + "]}", "charges", 400, 422)
                        .named("51 charges"),
                post("/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":[{\"name\":\"T\",\"type\":\"RECURRING\",\"model\":\"TIERED\","
                        + "\"billingPeriod\":\"MONTH\",\"billingTiming\":\"IN_ADVANCE\",\"tiers\":["
                        + IntStream.range(0, 21).mapToObj(i -> "{\"upTo\":\"" + (i + 1) * 10 + "\",\"unitPrice\":\"1\"}").collect(Collectors.joining(","))
                        + "]}]}", "charges[0].tiers", 400, 422).named("21 tiers"),
                post("/accounts/NOPE/subscriptions", subscription("\"startDate\":\"2026-12-01\""), null, 404).named("unknown account"),
                post("/accounts/A%231/subscriptions", subscription("\"startDate\":\"2026-12-01\""), null, 400, 404).named("account id with # in the path"),

                // ---- POST /subscriptions/{id}/cancel, usage, preview, payments
                post("/subscriptions/S1/cancel", "{\"effectiveDate\":\"2024-02-30\"}", "effectiveDate", 400).named("cancel on 2024-02-30"),
                post("/subscriptions/S1/cancel", "{}", "effectiveDate", 422).named("cancel without a date"),
                post("/accounts/A1/usage", "{\"subscriptionId\":\"S1\",\"chargeId\":\"calls\",\"quantity\":\"-5\",\"date\":\"2026-12-02\"}",
                        "quantity", 400, 422).named("negative usage"),
                post("/accounts/A1/usage", "{\"subscriptionId\":\"S1\",\"chargeId\":\"calls\",\"quantity\":\"5\",\"date\":\"2024-02-30\"}",
                        "date", 400).named("usage on 2024-02-30"),
                post("/accounts/A1/usage", "{\"subscriptionId\":\"S1\",\"quantity\":\"5\",\"date\":\"2026-12-02\"}", "chargeId", 422)
                        .named("usage without chargeId"),
                post("/accounts/A1/usage", "[" + IntStream.range(0, 1001).mapToObj(i ->
                        "{\"subscriptionId\":\"S1\",\"chargeId\":\"calls\",\"quantity\":\"1\",\"date\":\"2026-12-02\"}")
                        .collect(Collectors.joining(",")) + "]", null, 400, 422).named("1001 usage records"),
                post("/accounts/A1/invoice-preview", "{}", "targetDate", 422).named("preview without targetDate"),
                post("/accounts/A1/invoice-preview", "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"NOPE\"]}",
                        "chargeTypesToExclude[0]", 400).named("preview excluding charge type NOPE"),
                post("/accounts/A1/payments", "{\"amount\":\"10.005\",\"date\":\"2026-12-02\"}", "amount", 400, 422).named("3 decimals in USD (payment)"),
                post("/accounts/A1/payments", "{\"amount\":\"-10\",\"date\":\"2026-12-02\"}", "amount", 400, 422).named("negative payment"),
                post("/accounts/A1/payments", "{\"amount\":\"0\",\"date\":\"2026-12-02\"}", "amount", 400, 422).named("zero payment"),
                post("/accounts/A1/payments", "{\"amount\":10,\"date\":\"2026-12-02\",\"invoiceId\":\"I#1\"}", "invoiceId", 400, 422)
                        .named("payment invoice id with #"),

                // ---- POST /bill-runs
                post("/bill-runs", "{}", "targetDate", 422).named("run without targetDate"),
                post("/bill-runs", "{\"targetDate\":\"2024-02-30\"}", "targetDate", 400).named("run on 2024-02-30"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"invoiceDate\":\"2026-02-29\"}", "invoiceDate", 400).named("invoiceDate 2026-02-29"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"SUBSCRIPTION\"]}", "chargeTypesToExclude[0]", 400)
                        .named("exclude an unknown charge type"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"billCycleDay\":32}", "billCycleDay", 422).named("run BCD 32"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"autoPost\":\"true\"}", "autoPost", 400).named("autoPost as a string"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A#1\"]}", "accountIds[0]", 400, 422).named("run account id with #"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":["
                        + IntStream.range(0, 1001).mapToObj(i -> "\"acct-" + i + "\"").collect(Collectors.joining(",")) + "]}", "accountIds", 400, 422)
                        .named("1001 account ids"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"batches\":[\"Batch#7\"]}", "batches[0]", 400, 422).named("batch with # in a run"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"1,5\"]}", "accountIds[0]", 400, 422)
                        .named("run account id 1,5 (off the Id pattern)"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"batches\":[\"Batch 7\"]}", "batches[0]", 400, 422)
                        .named("run batch with a space"),
                post("/bill-runs", "{\"targetDate\":\"2026-12-01\",\"autopost\":true}", "autopost", 400).named("run field typo"),

                // ---- PUT /settings, POST /schedules
                new Row("settings proration WEEKLY", "PUT", "/settings", "application/json",
                        bytes("{\"prorationMethod\":\"WEEKLY\",\"roundingMode\":\"HALF_UP\"}"), Set.of(400), "prorationMethod", Map.of()),
                new Row("settings without roundingMode", "PUT", "/settings", "application/json",
                        bytes("{\"prorationMethod\":\"ACTUAL_DAYS\"}"), Set.of(422), "roundingMode", Map.of()),
                post("/schedules", "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"Mars/Olympus\"}", "timeZone", 400, 422).named("schedule time zone Mars"),
                post("/schedules", "{\"expression\":\"at(2026-12-01T00:00:00)\",\"timeZone\":\"UTC\"}", "expression", 400, 422).named("one-time schedule"),
                post("/schedules", "{" + SCHEDULE + ",\"run\":{\"invoiceDateOffsetDays\":99}}", "run.invoiceDateOffsetDays", 422).named("schedule offset 99"),

                // ---- query parameters and ids in paths
                get("/bill-runs?limit=0", "limit", 400),
                get("/bill-runs?limit=1&limit=2", "limit", 400),
                get("/bill-runs?limit=abc", "limit", 400),
                get("/bill-runs?limit=-1", "limit", 400),
                get("/bill-runs?limit=101", "limit", 400).named("limit 101 (spec: 1..100)"),
                get("/bill-runs?limit=99999999999999999999", "limit", 400),
                get("/bill-runs?cursor=garbage", "cursor", 400),
                get("/bill-runs?status=FINISHED", "status", 400).named("status FINISHED (not a run status)"),
                get("/bill-runs?status=posted", "status", 400).named("status posted (statuses are upper case)"),
                get("/bill-runs?cursor=" + "Z".repeat(3000), "cursor", 400).named("cursor of 3000 characters"),
                get("/accounts/A1/invoices?cursor=eyJQSyI6eyJTIjoiVCNvdGhlciJ9fQ", "cursor", 400).named("a cursor of another tenant's key"),
                get("/bill-runs/{run}/invoices?limit=1.5", "limit", 400),
                get("/bill-runs/{run}/accounts?cursor=%00", "cursor", 400),
                get("/bill-runs/not-a-run", null, 404),
                get("/bill-runs/R%23RUN", null, 400, 404).named("run id with # in the path"),
                new Row("retry-failures with an Idempotency-Key of 256 characters", "POST", "/bill-runs/{run}/retry-failures",
                        null, () -> null, Set.of(400, 422), "Idempotency-Key", Map.of("Idempotency-Key", "k".repeat(256))),
                new Row("retry-failures of a run id of 65 characters", "POST", "/bill-runs/" + "r".repeat(65) + "/retry-failures",
                        null, () -> null, Set.of(400, 404), null, Map.of()),
                new Row("delete a run id with # in the path", "DELETE", "/bill-runs/R%23RUN", null, () -> null, Set.of(400, 404),
                        null, Map.of()),
                get("/invoices/" + "x".repeat(65), null, 400, 404).named("invoice id of 65 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void isRefusedNamingTheFieldAndWritesNothing(Row row) {
        Map<String, String> before = snapshot(tenant);
        try {
            Answer answer = ApiFixture.send(Intent.OFF_SPEC, row.method(), row.path().replace("{run}", runId), token, row.contentType(),
                    row.body().get(), row.headers());
            if (answer.status() == 202 && row.path().equals("/bill-runs")) {
                ApiFixture.awaitExecution(answer.json().get("id").asText()); // a run the table failed to refuse: let it end first
            }
            // a path the id pattern refuses (a '#') has no route by design: 404 is its answer; any other row must reach a route
            assertFalse(answer.noRoute() && !row.statuses().contains(404), "no route for " + answer);
            assertRefused(row, answer, before);
        } catch (AssertionError failure) {
            if (row.knownBug() == null) {
                throw failure;
            }
            org.junit.jupiter.api.Assumptions.abort("known production bug (" + row.knownBug() + "): " + failure.getMessage());
        }
    }

    private void assertRefused(Row row, Answer answer, Map<String, String> before) {
        assertTrue(answer.status() < 500, "never a 5xx: " + answer);
        assertTrue(row.statuses().contains(answer.status()), "expected " + row.statuses() + ": " + answer);
        JsonNode problem = ApiFixture.assertProblem(answer.status(), answer);
        if (row.field() != null) {
            assertEquals(row.field(), problem.path("field").asText(null), answer::toString);
        }
        assertFalse(problem.path("detail").asText("").isBlank(), "a detail says what is wrong: " + answer);
        assertEquals(before, snapshot(tenant), "nothing written: " + answer);
    }

    // ------------------------------------------------------------------ row builders

    private static Row post(String path, String body, String field, Integer... statuses) {
        return new Row(path, "POST", path, "application/json", bytes(body), Set.copyOf(Arrays.asList(statuses)), field, Map.of());
    }

    private static Row get(String path, String field, Integer... statuses) {
        return new Row("GET " + path, "GET", path, null, () -> null, Set.copyOf(Arrays.asList(statuses)), field, Map.of());
    }

    private static Supplier<byte[]> bytes(String body) {
        return () -> body.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid account body with one field replaced or added. */
    private static String account(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String valid = Stream.of(ACCOUNT.split(",")).filter(pair -> !pair.startsWith(name + ":")).collect(Collectors.joining(","));
        return "{" + valid + "," + field + "}";
    }

    private static String subscription(String field) {
        String base = "{\"startDate\":\"2026-12-01\",\"charges\":[{" + CHARGE + "}]";
        return field.startsWith("\"startDate\"") ? "{" + field + ",\"charges\":[{" + CHARGE + "}]}" : base + "," + field + "}";
    }

    /** A subscription whose one charge has {@code field} replaced or added. */
    private static String charge(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String valid = Stream.of(CHARGE.split(",")).filter(pair -> !pair.startsWith(name + ":")).collect(Collectors.joining(","));
        return "{\"startDate\":\"2026-12-01\",\"charges\":[{" + valid + "," + field + "}]}";
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
