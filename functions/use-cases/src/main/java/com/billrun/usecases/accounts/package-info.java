/**
 * The account use cases behind the portal API (infra/openapi.yaml): standing (ACTIVE / PAST_DUE), invoice preview,
 * payments, usage and cancellation. Each reads the store, asks billing-core, and writes what it decided.
 */
package com.billrun.usecases.accounts;
