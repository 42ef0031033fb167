package com.billrun.local.sfn.definition;

/** A definition the engine refuses to load; the message names the state and the field. */
public final class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }
}
