package com.billrun.core;

/** How a charge's quantity becomes an amount (functions/billing-core/RULES.md Charges); the arithmetic lives in {@link Rating}. */
public enum PricingModel { FLAT_FEE, PER_UNIT, TIERED, VOLUME }
