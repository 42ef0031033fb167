/**
 * The account use cases behind the portal API (DESIGN.md §4): standing (ACTIVE / PAST_DUE), invoice preview,
 * payments, usage and cancellation. Each reads the store, asks billing-core, and writes what it decided.
 */
package com.billrun.accounts;
