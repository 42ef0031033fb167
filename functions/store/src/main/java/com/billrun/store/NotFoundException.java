package com.billrun.store;

/** No such item for this tenant (another tenant's item is "not found" too: infra/openapi.yaml answers 404). */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}
