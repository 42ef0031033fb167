package com.billrun.store;

import com.billrun.core.ProrationMethod;
import com.billrun.core.TenantSettings;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.RoundingMode;

/** The tenant's billing settings ({@code T#{t}} / {@code SETTINGS}); the defaults of functions/billing-core/RULES.md when never set. */
public final class TenantSettingsRepository {

    private final Table table;

    public TenantSettingsRepository(Table table) {
        this.table = table;
    }

    public TenantSettings get(String tenantId) {
        return table.get(Keys.settings(tenantId))
                .map(item -> new TenantSettings(item.enumValue("prorationMethod", ProrationMethod.class),
                        item.enumValue("roundingMode", RoundingMode.class)))
                .orElse(TenantSettings.DEFAULTS);
    }

    public void put(String tenantId, TenantSettings settings) {
        table.put(Item.at(Keys.settings(tenantId))
                .string("prorationMethod", settings.prorationMethod().name())
                .string("roundingMode", settings.roundingMode().name())
                .build());
    }
}
