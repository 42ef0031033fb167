package com.billrun.core;

/** What kind of charge this is (functions/billing-core/RULES.md Charges). */
public enum ChargeType { RECURRING, ONE_TIME, USAGE }
