package com.billrun.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves template values to their local meaning: {@code !Ref} of a table is its local name, of a queue its
 * ElasticMQ URL, {@code !GetAtt X.Arn} a local ARN, parameters their local values, pseudo parameters the local
 * region and account. Something it cannot resolve becomes {@code <unresolved ...>} so it shows in the env.
 */
public final class LocalResolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final String region;
    private final String accountId;
    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();

    public LocalResolver(String region, String accountId, Map<String, Object> parameters, Map<String, Object> conditions) {
        this.region = region;
        this.accountId = accountId;
        this.parameters = parameters;
        this.conditions = conditions;
    }

    public void ref(String logicalId, String value) {
        refs.put(logicalId, value);
    }

    public boolean hasRef(String logicalId) {
        return refs.containsKey(logicalId);
    }

    public void attribute(String logicalId, String attribute, String value) {
        attributes.put(logicalId + "." + attribute, value);
    }

    public String arn(String service, String resource) {
        return "arn:aws:%s:%s:%s:%s".formatted(service, region, accountId, resource);
    }

    public String string(Object value) {
        Object resolved = resolve(value);
        return switch (resolved) {
            case null -> null;
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(","));
            default -> String.valueOf(resolved);
        };
    }

    public Object resolve(Object value) {
        return switch (value) {
            case Intrinsic intrinsic -> intrinsic(intrinsic.function(), intrinsic.argument());
            case Map<?, ?> map when map.size() == 1 && longForm(map.keySet().iterator().next()) != null -> {
                var entry = map.entrySet().iterator().next();
                yield intrinsic(longForm(entry.getKey()), entry.getValue());
            }
            case Map<?, ?> map -> {
                Map<String, Object> resolved = new LinkedHashMap<>();
                map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
                yield resolved;
            }
            case List<?> list -> list.stream().map(this::resolve).toList();
            case null -> null;
            default -> value;
        };
    }

    private static String longForm(Object key) {
        String name = String.valueOf(key);
        return name.equals("Ref") ? "Ref" : name.startsWith("Fn::") ? name.substring(4) : null;
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> ref(String.valueOf(argument));
            case "GetAtt" -> {
                List<Object> parts = argument instanceof String s ? List.of((Object[]) s.split("\\.", 2)) : SamTemplate.list(argument);
                yield attribute(parts.get(0) + "." + parts.get(1));
            }
            case "Sub" -> sub(argument);
            case "Join" -> {
                List<Object> parts = SamTemplate.list(argument);
                yield SamTemplate.list(resolve(parts.get(1))).stream().map(String::valueOf)
                        .collect(Collectors.joining(String.valueOf(parts.get(0))));
            }
            case "Select" -> {
                List<Object> parts = SamTemplate.list(argument);
                yield SamTemplate.list(resolve(parts.get(1))).get(Integer.parseInt(String.valueOf(resolve(parts.get(0)))));
            }
            case "Split" -> {
                List<Object> parts = SamTemplate.list(argument);
                yield List.of((Object[]) String.valueOf(resolve(parts.get(1))).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
            }
            case "If" -> {
                List<Object> parts = SamTemplate.list(argument);
                yield resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
            }
            case "Equals", "Not", "And", "Or", "Condition" -> evaluate(new Intrinsic(function, argument));
            default -> "<unresolved " + function + " " + argument + ">";
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::Partition" -> "aws";
            case "AWS::StackName" -> "billrun-local";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> null;
            default -> {
                if (parameters.containsKey(name)) {
                    yield parameters.get(name);
                }
                yield refs.getOrDefault(name, "<unresolved Ref " + name + ">");
            }
        };
    }

    private String attribute(String logicalIdDotAttribute) {
        return attributes.getOrDefault(logicalIdDotAttribute, "<unresolved GetAtt " + logicalIdDotAttribute + ">");
    }

    private String sub(Object argument) {
        List<Object> parts = argument instanceof String ? List.of(argument) : SamTemplate.list(argument);
        Map<String, Object> variables = parts.size() > 1 ? SamTemplate.map(parts.get(1)) : Map.of();
        Matcher matcher = SUB_VARIABLE.matcher(String.valueOf(parts.get(0)));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                replacement = string(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = attributes.containsKey(name) ? attributes.get(name) : String.valueOf(ref(name));
            } else {
                replacement = String.valueOf(ref(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    /** Whether the template's condition {@code name} holds with these parameters (a resource under it exists). */
    public boolean holds(String name) {
        return condition(name);
    }

    private boolean condition(String name) {
        return evaluate(conditions.get(name));
    }

    private boolean evaluate(Object condition) {
        if (!(condition instanceof Intrinsic intrinsic)) {
            return Boolean.parseBoolean(String.valueOf(resolve(condition)));
        }
        List<Object> args = intrinsic.function().equals("Condition") ? List.of() : new ArrayList<>(SamTemplate.list(intrinsic.argument()));
        return switch (intrinsic.function()) {
            case "Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            case "Not" -> !evaluate(args.get(0));
            case "And" -> args.stream().allMatch(this::evaluate);
            case "Or" -> args.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(String.valueOf(intrinsic.argument()));
            default -> false;
        };
    }
}
