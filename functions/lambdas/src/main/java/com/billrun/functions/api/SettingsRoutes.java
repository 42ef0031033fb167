package com.billrun.functions.api;

import com.billrun.core.ProrationMethod;
import com.billrun.core.TenantSettings;
import com.billrun.functions.api.Views.SettingsView;
import com.billrun.store.TenantConfiguration;
import com.billrun.store.TenantSettingsRepository;
import java.math.RoundingMode;

/**
 * The tenant's settings (functions/billing-core/RULES.md): proration method and rounding mode (required), and
 * optionally document numbering ({@code invoiceNumberPrefix}, {@code creditNoteNumberPrefix}: 0-10 letters,
 * digits, '-', '/' or '_'; {@code numberDigits}: 1-12) and {@code applyCreditAutomatically}; an optional field left
 * out keeps its current value. The invoice worker reads them for every batch, so a change applies to the next run
 * (and the next preview); a run already invoicing may mix them. A numbering change applies to the next number
 * given: numbers already given never change.
 */
final class SettingsRoutes {

    /** functions/billing-core/RULES.md allows these two; RoundingMode's others (DOWN, CEILING, UNNECESSARY...) are refused. */
    private enum Rounding { HALF_UP, HALF_EVEN }

    private final TenantSettingsRepository settings;

    SettingsRoutes(TenantSettingsRepository settings) {
        this.settings = settings;
    }

    void addTo(Routes routes) {
        routes.add("GET", "/settings", Caller.READ, request -> ApiResponse.ok(SettingsView.of(settings.configuration(request.tenantId()))))
                .add("PUT", "/settings", Caller.WRITE, this::replace);
    }

    private ApiResponse replace(ApiRequest request) {
        JsonBody body = request.jsonBody();
        ProrationMethod proration = body.enumValue("prorationMethod", ProrationMethod.class)
                .orElseThrow(() -> body.missing("prorationMethod"));
        Rounding rounding = body.enumValue("roundingMode", Rounding.class).orElseThrow(() -> body.missing("roundingMode"));
        TenantConfiguration current = settings.configuration(request.tenantId());
        String invoicePrefix = prefix(body, "invoiceNumberPrefix").orElse(current.invoiceNumberPrefix());
        String creditNotePrefix = prefix(body, "creditNoteNumberPrefix").orElse(current.creditNoteNumberPrefix());
        int digits = body.integer("numberDigits", 1, TenantConfiguration.MAX_DIGITS).orElse(current.numberDigits());
        boolean applyCredit = body.optionalFlag("applyCreditAutomatically").orElse(current.applyCreditAutomatically());
        body.rejectUnknownFields();
        TenantConfiguration replaced = new TenantConfiguration(new TenantSettings(proration,
                RoundingMode.valueOf(rounding.name())), invoicePrefix, creditNotePrefix, digits, applyCredit);
        settings.put(request.tenantId(), replaced);
        return ApiResponse.ok(SettingsView.of(replaced));
    }

    private static java.util.Optional<String> prefix(JsonBody body, String name) {
        return body.stringOrEmpty(name, 64).map(prefix -> {
            if (!TenantConfiguration.PREFIX.matcher(prefix).matches()) {
                throw ApiProblem.invalid(body.path(name), "must be 0-10 letters, digits, '-', '/' or '_'");
            }
            return prefix;
        });
    }
}
