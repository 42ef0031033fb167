package com.billrun.core;

/** What kind of charge this is (DESIGN.md §3 Charges). */
public enum ChargeType { RECURRING, ONE_TIME, USAGE }
