package com.billrun.core;

/** Lifecycle of an invoice (functions/billing-core/RULES.md Invoice); the engine only ever produces DRAFT. */
public enum InvoiceStatus { DRAFT, POSTED, CANCELED }
