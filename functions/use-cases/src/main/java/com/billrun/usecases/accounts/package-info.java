/**
 * The account use cases behind the portal API (infra/openapi.yaml): standing (ACTIVE / PAST_DUE), invoice preview,
 * payments, usage, cancellation and repricing a never-billed charge. Each reads the store, asks billing-core, and writes what it decided.
 */
package com.billrun.usecases.accounts;
