package com.billrun.functions.api;

import com.billrun.store.BillrunStore;
import com.billrun.store.Schedule;
import com.billrun.usecases.schedules.CreateSchedule;
import com.billrun.usecases.schedules.DeleteSchedule;
import com.billrun.usecases.schedules.ScheduleGateway;
import java.time.Clock;
import java.time.Instant;

/** The schedule routes of infra/openapi.yaml: recurring bill runs owned by the caller. */
final class ScheduleRoutes {

    private final BillrunStore store;
    private final CreateSchedule createSchedule;
    private final DeleteSchedule deleteSchedule;
    private final Clock clock;

    ScheduleRoutes(BillrunStore store, ScheduleGateway gateway, Clock clock) {
        this.store = store;
        this.createSchedule = new CreateSchedule(store.schedules(), gateway);
        this.deleteSchedule = new DeleteSchedule(store.schedules(), gateway);
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
        if (schedule.template().autoPost()) {
            // Its runs post as the owner, who must hold billing/post now, as POST /bill-runs with autoPost requires.
            request.caller().require(Caller.POST, "run.autoPost");
        }
        if (!createSchedule.create(schedule)) {
            throw ApiProblem.conflict("schedule " + schedule.id() + " already exists");
        }
        return ApiResponse.created(ScheduleView.of(schedule, now));
    }

    private ApiResponse delete(ApiRequest request) {
        deleteSchedule.delete(request.tenantId(), request.pathParameter("id"));
        return new ApiResponse(204, null);
    }
}
