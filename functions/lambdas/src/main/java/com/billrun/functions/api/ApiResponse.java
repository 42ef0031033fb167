package com.billrun.functions.api;

/** What a route answers on success: a status and a body that becomes JSON. */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    /** The work goes on in a state machine; the body says how to follow it. */
    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }
}
