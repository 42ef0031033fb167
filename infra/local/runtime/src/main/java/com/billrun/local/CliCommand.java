package com.billrun.local;

/**
 * A {@code ./billrun} command that needs Billrun's own classes, which this runtime does not depend on (e.g.
 * {@code demo} and {@code bench}, which seed the store and drive real bill runs). Found with
 * {@link java.util.ServiceLoader} on the CLI's classpath (infra/local/app). Its name and options are declared in
 * {@link CliCommands}; it gets them parsed and checked.
 */
public interface CliCommand {

    /** The word after {@code ./billrun}, e.g. {@code demo}: an entry of {@link CliCommands#ALL}. */
    String name();

    /** Runs it with its checked options; the result is the process's exit status. */
    int run(CliOptions options) throws Exception;
}
