package com.billrun.local.sfn.execution;

/**
 * Unwinds a line of execution that must stop: the execution was stopped or timed out, or a sibling Map
 * iteration / Parallel branch failed. Not a States error: no Retry or Catch sees it.
 */
public final class Cancelled extends RuntimeException {
    public Cancelled(String reason) {
        super(reason, null, false, false);
    }
}
