package com.billrun.functions.api;

import static com.billrun.functions.api.Csv.amount;
import static com.billrun.functions.api.Csv.date;
import static com.billrun.functions.api.Csv.number;
import static com.billrun.functions.api.Csv.text;

import com.billrun.core.Invoice;
import com.billrun.store.AccountRepository;
import com.billrun.store.BillingFailure;
import com.billrun.store.CustomerAccount;
import com.billrun.store.Page;
import com.billrun.store.RunAccount;
import com.billrun.store.StoredInvoice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The three tabs of a run as CSV ({@code Accept: text/csv}, infra/openapi.yaml): the same page as the JSON (same
 * {@code limit} and {@code cursor}), one row per item under one header row ({@link Csv} for quoting and the
 * formula guard), and the next page's address in {@code Link: <...>; rel="next"} instead of {@code nextCursor}.
 * The invoices and accounts tabs add each account's name as it is now (one BatchGetItem per page).
 */
final class RunTabExports {

    private final AccountRepository accounts;

    RunTabExports(AccountRepository accounts) {
        this.accounts = accounts;
    }

    ApiResponse invoices(ApiRequest request, String path, Page<StoredInvoice> page) {
        Map<String, String> names = names(request, page.items(), stored -> stored.invoice().accountId());
        Csv csv = Csv.withHeader("invoiceId", "number", "accountId", "accountName", "status", "currency", "invoiceDate",
                "dueDate", "subtotal", "taxTotal", "total", "balance");
        for (StoredInvoice stored : page.items()) {
            Invoice invoice = stored.invoice();
            String currency = invoice.currency();
            csv.row(text(invoice.id()), text(stored.number()), text(invoice.accountId()), text(names.get(invoice.accountId())),
                    text(invoice.status().name()), text(currency), date(invoice.invoiceDate()), date(invoice.dueDate()),
                    amount(invoice.subtotal(), currency), amount(invoice.taxTotal(), currency),
                    amount(invoice.total(), currency), amount(stored.balance(), currency));
        }
        return answer(request, path, csv, page.nextCursor());
    }

    ApiResponse accounts(ApiRequest request, String path, Page<RunAccount> page) {
        Map<String, String> names = names(request, page.items(), RunAccount::accountId);
        Csv csv = Csv.withHeader("accountId", "accountName", "outcome", "invoiceId", "currency", "total", "failedSubscriptions");
        for (RunAccount account : page.items()) {
            csv.row(text(account.accountId()), text(names.get(account.accountId())), text(account.outcome().name()),
                    text(account.invoiceId()), text(account.currency()), amount(account.total(), account.currency()),
                    number(account.failedSubscriptions()));
        }
        return answer(request, path, csv, page.nextCursor());
    }

    ApiResponse failures(ApiRequest request, String path, Page<BillingFailure> page) {
        Csv csv = Csv.withHeader("accountId", "subscriptionId", "field", "reason");
        for (BillingFailure failure : page.items()) {
            csv.row(text(failure.accountId()), text(failure.subscriptionId()), text(failure.field()), text(failure.reason()));
        }
        return answer(request, path, csv, page.nextCursor());
    }

    /** The names of the page's accounts (an account deleted since has none). */
    private <S> Map<String, String> names(ApiRequest request, List<S> items, Function<S, String> accountId) {
        List<String> ids = items.stream().map(accountId).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return accounts.names(request.tenantId(), ids);
    }

    /** The CSV, with the next page's address (same path and limit, the next cursor) when there is one. */
    private static ApiResponse answer(ApiRequest request, String path, Csv csv, String nextCursor) {
        if (nextCursor == null) {
            return ApiResponse.text(csv.toString(), Csv.CONTENT_TYPE, Map.of());
        }
        String limit = request.queryParameter("limit").map(value -> "limit=" + value + "&").orElse("");
        String next = path + "?" + limit + "cursor=" + URLEncoder.encode(nextCursor, StandardCharsets.UTF_8);
        return ApiResponse.text(csv.toString(), Csv.CONTENT_TYPE, Map.of("link", "<" + next + ">; rel=\"next\""));
    }
}
