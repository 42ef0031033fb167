package com.billrun.local;

/**
 * Something {@code ./billrun serve} runs beside the functions that needs Billrun's own classes, which this runtime
 * does not depend on (e.g. the local stand-in for EventBridge Scheduler, which reads the schedules in Billrun's
 * table). Found with {@link java.util.ServiceLoader} on the CLI's classpath (infra/local/app) and started once the
 * template's functions are registered.
 */
public interface ServeExtension {

    /** Starts it on the runtime; closing the result stops it. */
    AutoCloseable start(LocalRuntime runtime);
}
