package com.billrun.store;

import com.billrun.store.dynamodb.Keys;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Invoice ids are derived, not drawn: a name-based UUID of the run and the account (36 characters, whatever the
 * lengths of the two ids, so it stays a valid path id of at most 64). A redelivered batch or a retried Lambda
 * computes the same id for the same run and account, so its conditional Put collides instead of writing a second
 * invoice. (A second run over the same account gets another id; what stops it billing twice is the subscription's
 * version, see {@link AccountBillingWriter}.) Customers see the gap-free number given at posting, not this id.
 */
public final class InvoiceIds {

    private InvoiceIds() {
    }

    public static String of(String billRunId, String accountId) {
        String name = Keys.id("billRunId", billRunId) + "\u0000" + Keys.id("accountId", accountId);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
