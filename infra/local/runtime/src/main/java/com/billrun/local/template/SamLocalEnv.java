package com.billrun.local.template;

import com.billrun.local.sfn.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code events/env.json} for {@code sam local invoke --env-vars}: per function, the variables template.yaml
 * declares for it with the values they have on this local runtime (table, queue URLs, state machine ARNs, and the
 * {@code AWS_ENDPOINT_URL_*} of the stand-ins, which the template declares only when {@code SamLocalEndpoints} is
 * true). SAM only overrides variables the template declares, so nothing else is written. {@code ./billrun serve}
 * writes it at every start: the stand-ins' ports change from one start to the next.
 */
public final class SamLocalEnv {

    private SamLocalEnv() {
    }

    /** Function logical id to its variables; {@code localEnv} gives a registered function's environment, or null. */
    public static Map<String, Map<String, String>> of(SamTemplate template, Function<String, Map<String, String>> localEnv) {
        Map<String, Map<String, String>> file = new TreeMap<>();
        for (SamTemplate.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, String> env = localEnv.apply(function.logicalId());
            if (env == null) {
                continue;
            }
            Set<String> declared = new LinkedHashSet<>(variables(template.functionGlobals()));
            declared.addAll(variables(function.properties()));
            Map<String, String> values = new LinkedHashMap<>();
            declared.stream().filter(env::containsKey).forEach(name -> values.put(name, env.get(name)));
            file.put(function.logicalId(), values);
        }
        return file;
    }

    public static void write(Path file, Map<String, Map<String, String>> env) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(env) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Set<String> variables(Map<String, Object> properties) {
        return SamTemplate.map(SamTemplate.map(properties.get("Environment")).get("Variables")).keySet();
    }
}
