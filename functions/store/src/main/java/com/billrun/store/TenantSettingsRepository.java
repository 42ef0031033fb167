package com.billrun.store;

import com.billrun.core.ProrationMethod;
import com.billrun.core.TenantSettings;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.RoundingMode;

/**
 * The tenant's settings ({@code T#{t}} / {@code SETTINGS}): the billing settings of functions/billing-core/RULES.md
 * and the numbering and account-credit settings of {@link TenantConfiguration}; the defaults when never set.
 */
public final class TenantSettingsRepository {

    private final Table table;

    public TenantSettingsRepository(Table table) {
        this.table = table;
    }

    public TenantSettings get(String tenantId) {
        return configuration(tenantId).billing();
    }

    public TenantConfiguration configuration(String tenantId) {
        return table.get(Keys.settings(tenantId)).map(TenantSettingsRepository::fromItem).orElse(TenantConfiguration.DEFAULTS);
    }

    /** Replaces the billing settings, keeping the numbering and credit settings as they are. */
    public void put(String tenantId, TenantSettings settings) {
        put(tenantId, configuration(tenantId).withBilling(settings));
    }

    public void put(String tenantId, TenantConfiguration configuration) {
        table.put(Item.at(Keys.settings(tenantId))
                .string("prorationMethod", configuration.billing().prorationMethod().name())
                .string("roundingMode", configuration.billing().roundingMode().name())
                .string("invoiceNumberPrefix", configuration.invoiceNumberPrefix())
                .string("creditNoteNumberPrefix", configuration.creditNoteNumberPrefix())
                .integer("numberDigits", configuration.numberDigits())
                .bool("applyCreditAutomatically", configuration.applyCreditAutomatically())
                .build());
    }

    private static TenantConfiguration fromItem(ItemReader item) {
        Integer digits = item.integer("numberDigits");
        return new TenantConfiguration(new TenantSettings(item.enumValue("prorationMethod", ProrationMethod.class),
                item.enumValue("roundingMode", RoundingMode.class)), item.string("invoiceNumberPrefix"),
                item.string("creditNoteNumberPrefix"), digits == null ? TenantConfiguration.DEFAULT_DIGITS : digits,
                !item.has("applyCreditAutomatically") || item.bool("applyCreditAutomatically"));
    }
}
