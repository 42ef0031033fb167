package com.billrun.local;

import com.billrun.local.CliCommands.Command;
import com.billrun.local.CliCommands.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's {@code --name value}, {@code --name=value} and {@code --flag} words, checked against its entry in
 * {@link CliCommands}: an unknown option, a missing or bad value, a stray word or a missing required option is a
 * {@link UsageError} whose message is the one line to print.
 */
public record CliOptions(Command command, Map<String, String> values) {

    /** What the user typed wrong, in one line; the CLI prints it and exits with status 2. */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message, null, false, false);
        }
    }

    public static CliOptions parse(Command command, List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new UsageError("unexpected argument '" + word + "'");
            }
            int equals = word.indexOf('=');
            String name = word.substring(2, equals < 0 ? word.length() : equals);
            Option option = command.option(name).orElseThrow(() -> new UsageError("unknown option --" + name
                    + (command.options().isEmpty() ? " (it takes none)" : " (options: " + String.join(", ",
                    command.options().stream().map(o -> "--" + o.name()).toList()) + ")")));
            if (values.containsKey(name)) {
                throw new UsageError("--" + name + " given twice");
            }
            String value;
            if (option.isFlag()) {
                if (equals >= 0) {
                    throw new UsageError("--" + name + " takes no value");
                }
                value = "true";
            } else if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                value = "";
            }
            if (!option.isFlag()) {
                if (value.isEmpty()) {
                    throw new UsageError("--" + name + " needs a value (" + option.usage() + ")");
                }
                String checked = value;
                option.check().problem(value).ifPresent(problem -> {
                    throw new UsageError("--" + name + " '" + checked + "' " + problem);
                });
            }
            values.put(name, value);
        }
        for (Option option : command.options()) {
            if (option.required() && !values.containsKey(option.name())) {
                throw new UsageError(option.usage() + " is required");
            }
        }
        return new CliOptions(command, Map.copyOf(values));
    }

    /** Whether {@code --help} or {@code -h} is among the words (then nothing else is checked). */
    public static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public Optional<String> value(String name) {
        known(name);
        return Optional.ofNullable(values.get(name));
    }

    public String required(String name) {
        return value(name).orElseThrow(() -> new UsageError("--" + name + " is required"));
    }

    public boolean flag(String name) {
        return value(name).isPresent();
    }

    /** Checked when parsed; {@code 10,000} and {@code 10_000} read as 10000. */
    public int intValue(String name, int fallback) {
        return value(name).map(v -> Integer.parseInt(CliCommands.digits(v))).orElse(fallback);
    }

    /** Asking for an option the table does not declare is a programming error, not the user's. */
    private void known(String name) {
        if (command.option(name).isEmpty()) {
            throw new IllegalArgumentException(command.name() + " declares no option --" + name + " in CliCommands");
        }
    }
}
