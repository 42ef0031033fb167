package com.billrun.local.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API route as template.yaml declares it: {@code METHOD /path/{param}} ({@code ANY} and greedy
 * {@code {proxy+}} allowed), the function it integrates, and whether it sits behind the JWT authorizer and
 * with which scopes (any one of them suffices, as on API Gateway).
 */
public record Route(String method, String pathTemplate, String functionName, boolean authorized, List<String> scopes) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_.-]+)(\\+?)}");

    public Route {
        method = method.toUpperCase(java.util.Locale.ROOT);
        scopes = List.copyOf(scopes);
    }

    /** Behind the JWT authorizer; with scopes, the token needs at least one of them. */
    public static Route jwt(String method, String pathTemplate, String functionName, String... scopes) {
        return new Route(method, pathTemplate, functionName, true, List.of(scopes));
    }

    public static Route open(String method, String pathTemplate, String functionName) {
        return new Route(method, pathTemplate, functionName, false, List.of());
    }

    public String routeKey() {
        return method + " " + pathTemplate;
    }

    Pattern pattern() {
        StringBuilder regex = new StringBuilder("^");
        Matcher parameter = PARAMETER.matcher(pathTemplate);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(pathTemplate.substring(last, parameter.start())));
            regex.append("(?<").append(groupName(parameter.group(1))).append(">")
                    .append(parameter.group(2).isEmpty() ? "[^/]+" : ".+").append(")");
            last = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(pathTemplate.substring(last))).append("$").toString());
    }

    List<String> parameterNames() {
        return PARAMETER.matcher(pathTemplate).results().map(m -> m.group(1)).toList();
    }

    static String groupName(String parameter) {
        return "p" + parameter.replaceAll("[^A-Za-z0-9]", "x");
    }

    /** API Gateway prefers the most specific route: more literal characters, no greedy parameter, a named method. */
    int specificity() {
        int literal = PARAMETER.matcher(pathTemplate).replaceAll("").length();
        return literal * 4 + (pathTemplate.contains("+}") ? 0 : 2) + ("ANY".equals(method) ? 0 : 1);
    }
}
