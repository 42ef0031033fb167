package com.billrun.core;

/** Why an invoice line exists: a recurring or one-time CHARGE, rated USAGE, a DISCOUNT, or a cancellation CREDIT. */
public enum ItemKind { CHARGE, USAGE, DISCOUNT, CREDIT }
