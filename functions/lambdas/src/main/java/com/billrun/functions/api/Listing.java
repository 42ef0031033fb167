package com.billrun.functions.api;

import com.billrun.store.Page;
import java.util.List;
import java.util.function.Function;

/** A page of a list answer: {@code {items, nextCursor}}; {@code ?cursor=} and {@code ?limit=} (1-200, default 50). */
record Listing<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** Runs the page query with the request's cursor and limit; a cursor the store cannot read is the caller's error. */
    static <S, T> Listing<T> of(ApiRequest request, PageQuery<S> query, Function<S, T> view) {
        int limit = request.queryParameter("limit").map(Listing::limit).orElse(DEFAULT_LIMIT);
        String cursor = request.queryParameter("cursor").orElse(null);
        Page<S> page;
        try {
            page = query.page(cursor, limit);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.malformed("cursor", "is not a cursor this list gave out");
        }
        return new Listing<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    /** One page of the store's list. */
    @FunctionalInterface
    interface PageQuery<S> {
        Page<S> page(String cursor, int limit);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.malformed("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
