package com.billrun.core;

import java.math.RoundingMode;

/** Tenant-wide billing settings (functions/billing-core/RULES.md): proration method and item rounding (HALF_UP or HALF_EVEN). */
public record TenantSettings(ProrationMethod prorationMethod, RoundingMode roundingMode) {

    public static final TenantSettings DEFAULTS = new TenantSettings(ProrationMethod.ACTUAL_DAYS, RoundingMode.HALF_UP);

    public TenantSettings {
        prorationMethod = prorationMethod == null ? ProrationMethod.ACTUAL_DAYS : prorationMethod;
        roundingMode = roundingMode == null ? RoundingMode.HALF_UP : roundingMode;
    }
}
