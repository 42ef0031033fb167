package com.billrun.core;

/** Tenant setting: the divisor of a partial period (functions/billing-core/RULES.md Proration); applied in {@link Proration}. */
public enum ProrationMethod { ACTUAL_DAYS, THIRTY_DAY_MONTH }
