package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.billrun.store.InvalidCursorException;
import com.billrun.store.Page;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a list answer: {@code {items, nextCursor}}; {@code ?cursor=} and {@code ?limit=} (1-100, default 50,
 * RequestLimits). {@code nextCursor} is always present, null on the last page.
 */
record Listing<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    static final int DEFAULT_LIMIT = RequestLimits.DEFAULT_PAGE_SIZE;
    static final int MAX_LIMIT = RequestLimits.MAX_PAGE_SIZE;
    /** Far longer than any cursor the store gives out. */
    private static final int MAX_CURSOR_LENGTH = 2048;

    /** Runs the page query with the request's cursor and limit; a cursor the store cannot read is the caller's error. */
    static <S, T> Listing<T> of(ApiRequest request, PageQuery<S> query, Function<S, T> view) {
        Page<S> page = page(request, query);
        return new Listing<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    /** The store's page for the request's cursor and limit, checked as {@link #of} checks them. */
    static <S> Page<S> page(ApiRequest request, PageQuery<S> query) {
        int limit = request.queryParameter("limit").map(Listing::limit).orElse(DEFAULT_LIMIT);
        String cursor = request.queryParameter("cursor").orElse(null);
        if (cursor != null && cursor.length() > MAX_CURSOR_LENGTH) {
            throw notACursor();
        }
        try {
            return query.page(cursor, limit);
        } catch (InvalidCursorException | IllegalArgumentException e) {
            throw notACursor();
        }
    }

    /** One page of the store's list. */
    @FunctionalInterface
    interface PageQuery<S> {
        Page<S> page(String cursor, int limit);
    }

    private static ApiProblem notACursor() {
        return ApiProblem.malformed("cursor", "is not a cursor this list gave out");
    }

    private static int limit(String text) {
        if (text.length() <= 3 && text.chars().allMatch(Character::isDigit)) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw ApiProblem.malformed("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
