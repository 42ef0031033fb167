package com.billrun.local;

/**
 * Something {@code ./billrun serve} runs beside the functions that needs Billrun's own classes, which this runtime
 * does not depend on (e.g. the local stand-in for EventBridge Scheduler, which reads the schedules in Billrun's
 * table, or the demo tenant of {@code --seed}). Found with {@link java.util.ServiceLoader} on the CLI's classpath
 * (infra/local/app) and started once the template's functions are registered, before the HTTP API opens.
 */
public interface ServeExtension {

    /** The options of {@code serve} in {@link CliCommands} that only it acts on (serve refuses them without it). */
    default java.util.List<String> options() {
        return java.util.List.of();
    }

    /** Starts it on the runtime with serve's options; closing the result stops it. */
    AutoCloseable start(LocalRuntime runtime, CliOptions options);
}
