package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import java.util.List;
import java.util.UUID;

/**
 * Ids that clients send or see: letters, digits, '.', '_' and '-', at most 64. The store's keys use '#' as
 * separator, so an id with one could forge another item's key; this keeps such ids out at the door.
 */
final class Ids {

    private Ids() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static boolean valid(String id) {
        return RequestLimits.isValidId(id);
    }

    static String require(String id, String field) {
        if (!valid(id)) {
            throw ApiProblem.invalid(field, "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    static void requireAll(List<String> ids, String field) {
        for (int i = 0; i < ids.size(); i++) {
            require(ids.get(i), field + "[" + i + "]");
        }
    }
}
