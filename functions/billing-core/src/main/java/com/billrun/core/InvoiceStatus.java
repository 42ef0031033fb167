package com.billrun.core;

/**
 * Lifecycle of an invoice (functions/billing-core/RULES.md Invoice); the engine only ever produces DRAFT. A DRAFT is
 * CANCELED with its bill run, or POSTED; a POSTED invoice nothing has touched can be VOIDED (balance 0, number kept).
 */
public enum InvoiceStatus { DRAFT, POSTED, CANCELED, VOIDED }
