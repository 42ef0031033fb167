package com.billrun.store;

import java.util.List;

/**
 * One page of a listing and the opaque cursor of the next ({@code null} on the last page). The cursor encodes the
 * query's last key; it is only ever used with the same tenant's query, whose key condition still applies, so a
 * forged cursor cannot reach another tenant's items. A cursor the listing did not give out is refused with
 * {@link InvalidCursorException}.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
