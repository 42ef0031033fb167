package com.billrun.core;

/**
 * Tenant setting: how a partial period is counted (functions/billing-core/RULES.md Proration); applied in
 * {@link Proration}. ACTUAL_DAYS: actual days over the full period's actual days. THIRTY_DAY_MONTH (30-actual/360):
 * actual days over 30 per month. THIRTY_360 (strict 30/360, European 30E/360): every month counts 30 days, over
 * 30 per month.
 */
public enum ProrationMethod { ACTUAL_DAYS, THIRTY_DAY_MONTH, THIRTY_360 }
