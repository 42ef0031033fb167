/**
 * Corrections of posted invoices behind the portal API (infra/openapi.yaml): void (with or without rebilling the
 * periods), credit notes and their documents, and the account's activity (what a customer statement prints). The
 * money rules are billing-core's ({@code CreditNotes}); each correction is written by the store's
 * {@code InvoiceCorrections} in one conditional transaction (functions/store/DATA-MODEL.md).
 */
package com.billrun.usecases.corrections;
