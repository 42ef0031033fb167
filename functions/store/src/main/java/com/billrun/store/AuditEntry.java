package com.billrun.store;

import java.time.Instant;

/** One line of a run's audit trail: who did what to it, and when (docs/ARCHITECTURE.md). */
public record AuditEntry(AuditAction action, String by, Instant at) {

    public enum AuditAction { CREATED, SCHEDULED, POSTED, CANCELED, RESUMED, RETRIED, DELETED }
}
