package com.billrun.local;

/**
 * A {@code ./billrun} command that needs Billrun's own classes, which this runtime does not depend on (e.g.
 * {@code demo} and {@code bench}, which seed the store and drive real bill runs). Found with
 * {@link java.util.ServiceLoader} on the CLI's classpath (infra/local/app); it takes precedence over a built-in
 * command of the same name.
 */
public interface CliCommand {

    /** The word after {@code ./billrun}, e.g. {@code demo}. */
    String name();

    /** Runs it with the words after the name; the result is the process's exit status. */
    int run(String[] args) throws Exception;
}
