package com.billrun.functions.api;

import com.billrun.functions.schedule.ScheduleGateway;
import com.billrun.store.BillrunStore;
import com.billrun.store.Schedule;
import java.time.Clock;
import java.time.Instant;

/**
 * The schedule routes of infra/openapi.yaml: recurring bill runs owned by the caller. The item is stored first and the
 * gateway (EventBridge Scheduler, or the local runtime's scheduler) then makes it fire; when the gateway refuses,
 * the item is removed again, so a failed create leaves nothing behind.
 */
final class ScheduleRoutes {

    private final BillrunStore store;
    private final ScheduleGateway gateway;
    private final Clock clock;

    ScheduleRoutes(BillrunStore store, ScheduleGateway gateway, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.clock = clock;
    }

    void addTo(Routes routes) {
        routes.add("POST", "/schedules", Caller.WRITE, this::create)
                .add("GET", "/schedules", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> store.schedules().list(request.tenantId(), cursor, limit),
                        schedule -> ScheduleView.of(schedule, clock.instant()))))
                .add("DELETE", "/schedules/{id}", Caller.WRITE, this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        Instant now = clock.instant();
        Schedule schedule = ScheduleRequests.schedule(request.jsonBody(), request.caller(), Ids.newId(), now);
        if (!store.schedules().create(schedule)) {
            throw ApiProblem.conflict("schedule " + schedule.id() + " already exists");
        }
        try {
            gateway.create(schedule);
        } catch (RuntimeException refused) {
            store.schedules().delete(schedule.tenantId(), schedule.id());
            throw refused;
        }
        return ApiResponse.created(ScheduleView.of(schedule, now));
    }

    /** Another tenant's schedule is not found; EventBridge's copy goes first, so nothing fires for a deleted item. */
    private ApiResponse delete(ApiRequest request) {
        String id = request.pathParameter("id");
        Schedule schedule = store.schedules().find(request.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("schedule", id));
        gateway.delete(schedule);
        store.schedules().delete(schedule.tenantId(), schedule.id());
        return new ApiResponse(204, null);
    }
}
