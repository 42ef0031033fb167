package com.billrun.core;

/** Lifecycle of an invoice (DESIGN.md §3 Invoice); the engine only ever produces DRAFT. */
public enum InvoiceStatus { DRAFT, POSTED, CANCELED }
