package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Units consumed on one day against a USAGE charge. */
public record UsageRecord(String subscriptionId, String chargeId, LocalDate date, BigDecimal quantity) {
}
