package com.billrun.functions.api;

import com.billrun.core.ProrationMethod;
import com.billrun.core.TenantSettings;
import com.billrun.functions.api.Views.SettingsView;
import com.billrun.store.TenantSettingsRepository;
import java.math.RoundingMode;

/**
 * The tenant's billing settings (functions/billing-core/RULES.md): proration method and rounding mode. The invoice worker reads them
 * for every batch, so a change applies to the next run (and the next preview); a run already invoicing may mix them.
 */
final class SettingsRoutes {

    /** functions/billing-core/RULES.md allows these two; RoundingMode's others (DOWN, CEILING, UNNECESSARY...) are refused. */
    private enum Rounding { HALF_UP, HALF_EVEN }

    private final TenantSettingsRepository settings;

    SettingsRoutes(TenantSettingsRepository settings) {
        this.settings = settings;
    }

    void addTo(Routes routes) {
        routes.add("GET", "/settings", Caller.READ, request -> ApiResponse.ok(SettingsView.of(settings.get(request.tenantId()))))
                .add("PUT", "/settings", Caller.WRITE, this::replace);
    }

    private ApiResponse replace(ApiRequest request) {
        JsonBody body = request.jsonBody();
        ProrationMethod proration = body.enumValue("prorationMethod", ProrationMethod.class)
                .orElseThrow(() -> body.missing("prorationMethod"));
        Rounding rounding = body.enumValue("roundingMode", Rounding.class).orElseThrow(() -> body.missing("roundingMode"));
        body.rejectUnknownFields();
        TenantSettings replaced = new TenantSettings(proration, RoundingMode.valueOf(rounding.name()));
        settings.put(request.tenantId(), replaced);
        return ApiResponse.ok(SettingsView.of(replaced));
    }
}
