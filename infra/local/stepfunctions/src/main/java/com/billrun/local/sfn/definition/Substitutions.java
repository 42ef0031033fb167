package com.billrun.local.sfn.definition;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DefinitionSubstitutions as SAM and CloudFormation apply them: every {@code ${Name}} in the definition text
 * is replaced by the value given for Name. A placeholder without a value is refused rather than left in place
 * (AWS would reject the template), so a missing queue URL never reaches a running execution.
 */
public final class Substitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Substitutions() {
    }

    public static String apply(String definition, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new DefinitionException("DefinitionSubstitutions: no value for the placeholder ${" + name + "}"
                        + " (given: " + values.keySet() + ")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
