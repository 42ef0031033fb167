package com.billrun.local.template;

import static com.billrun.local.template.SamTemplate.list;
import static com.billrun.local.template.SamTemplate.map;

import com.billrun.local.LocalRuntime;
import com.billrun.local.aws.Queues.CreatedQueue;
import com.billrun.local.events.EventPattern;
import com.billrun.local.events.EventRule;
import com.billrun.local.http.Route;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.lambda.SqsTrigger;
import com.billrun.local.sfn.Json;
import com.billrun.local.template.SamTemplate.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds template.yaml's resources on a {@link LocalRuntime}: DynamoDB tables (keys and GSIs), SQS queues
 * (visibility timeout, redrive to their DLQ), functions (handler class, Globals + own environment resolved to
 * local values, timeout, memory), SQS event source mappings, HttpApi routes with the JWT authorizer, and
 * {@code AWS::Events::Rule}s on the default bus whose targets are functions (their EventPattern matched by
 * {@link EventPattern}, the targets invoked asynchronously).
 * Functions whose handler class is not on the classpath yet are skipped and listed in the result; functions under a
 * {@code Condition} that does not hold with the given parameters do not exist, as on AWS. The console's hosting
 * (S3, CloudFront) and user pool have no local stand-in: locally ConsoleSite serves the console, with dev tokens.
 */
public final class TemplateWiring {

    public static final String LOCAL_ALIAS = "live";

    /** What the template became locally; state machines are left to the local Step Functions engine. */
    public record Result(Map<String, String> tables, Map<String, CreatedQueue> queues, List<String> functions,
                         Map<String, String> skippedFunctions, List<Route> routes, List<StateMachine> stateMachines,
                         List<EventRule> rules, LocalResolver resolver) {
    }

    /** A state machine with its definition file and its DefinitionSubstitutions resolved to local values. */
    public record StateMachine(String logicalId, String arn, String definitionUri, Map<String, String> substitutions) {
    }

    private final LocalRuntime runtime;
    private final SamTemplate template;
    private final LocalResolver resolver;

    private TemplateWiring(LocalRuntime runtime, SamTemplate template, Map<String, Object> parameterValues) {
        this.runtime = runtime;
        this.template = template;
        Map<String, Object> parameters = new HashMap<>(template.parameterDefaults());
        parameters.putAll(parameterValues);
        this.resolver = new LocalResolver(runtime.region(), runtime.accountId(), parameters,
                template.conditions());
    }

    /** {@code parameterValues}: values for the template's parameters (those without a Default need one). */
    public static Result apply(LocalRuntime runtime, SamTemplate template, Map<String, Object> parameterValues) {
        return new TemplateWiring(runtime, template, parameterValues).apply();
    }

    private Result apply() {
        var storage = new TemplateStorage(runtime, template, resolver);
        Map<String, String> tables = storage.createTables();
        Map<String, CreatedQueue> queues = storage.createQueues();
        List<StateMachine> stateMachines = nameStateMachines();
        nameOtherResources();
        // a function under a condition that does not hold (e.g. the Cognito trigger when an issuer is given) is not created
        List<Resource> functions = template.resourcesOfType("AWS::Serverless::Function").stream()
                .filter(function -> function.condition() == null || resolver.holds(function.condition()))
                .toList();
        functions.forEach(function -> {
            resolver.ref(function.logicalId(), function.logicalId());
            resolver.ref(function.logicalId() + ".Alias", functionArn(function.logicalId()) + ":" + LOCAL_ALIAS);
            resolver.attribute(function.logicalId(), "Arn", functionArn(function.logicalId()));
        });
        List<String> registered = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        for (Resource function : functions) {
            Optional<Class<?>> handler = handlerClass(function);
            if (handler.isEmpty()) {
                skipped.put(function.logicalId(), handlerName(function) + " is not on the classpath yet");
                continue;
            }
            try {
                registerFunction(function, handler.get());
            } catch (IllegalArgumentException | IllegalStateException unusable) {
                // e.g. no Map<String,String> constructor, or its init threw: reported, the rest still comes up
                skipped.put(function.logicalId(), unusable.getMessage());
                continue;
            }
            registered.add(function.logicalId());
            routes.addAll(wireEvents(function, queues));
        }
        List<EventRule> rules = wireRules(registered);
        return new Result(tables, queues, registered, skipped, routes,
                stateMachines.stream().map(this::withSubstitutions).toList(), rules, resolver);
    }

    /**
     * Each enabled rule of the default bus with at least one target that is a function registered here; targets of
     * another kind (a queue, a topic) have no local stand-in and are left out.
     */
    private List<EventRule> wireRules(List<String> registered) {
        List<EventRule> rules = new ArrayList<>();
        for (Resource resource : template.resourcesOfType("AWS::Events::Rule")) {
            Map<String, Object> p = resource.properties();
            String bus = resolver.string(p.get("EventBusName"));
            if ("DISABLED".equals(resolver.string(p.get("State"))) || (bus != null && !bus.equals("default"))) {
                continue;
            }
            if (p.get("EventPattern") == null) {
                continue; // a scheduled rule: nothing fires it locally
            }
            EventPattern pattern;
            try {
                pattern = EventPattern.of(Json.MAPPER.valueToTree(resolver.resolve(p.get("EventPattern"))));
            } catch (IllegalArgumentException unsupported) {
                throw new IllegalStateException("rule " + resource.logicalId() + ": " + unsupported.getMessage(), unsupported);
            }
            List<String> targets = list(p.get("Targets")).stream()
                    .map(target -> resolver.string(map(target).get("Arn")))
                    .filter(arn -> arn != null && arn.startsWith(resolver.arn("lambda", "function:")))
                    .map(LambdaRunner::functionName)
                    .filter(registered::contains)
                    .toList();
            if (!targets.isEmpty()) {
                EventRule rule = new EventRule(resource.logicalId(), pattern, targets);
                runtime.eventRule(rule);
                rules.add(rule);
            }
        }
        return rules;
    }

    private List<StateMachine> nameStateMachines() {
        List<StateMachine> machines = new ArrayList<>();
        for (Resource machine : template.resourcesOfType("AWS::Serverless::StateMachine")) {
            String arn = resolver.arn("states", "stateMachine:" + machine.logicalId());
            resolver.ref(machine.logicalId(), arn);
            resolver.attribute(machine.logicalId(), "Arn", arn);
            resolver.attribute(machine.logicalId(), "Name", machine.logicalId());
            machines.add(new StateMachine(machine.logicalId(), arn, resolver.string(machine.properties().get("DefinitionUri")), Map.of()));
        }
        return machines;
    }

    private StateMachine withSubstitutions(StateMachine machine) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        map(template.resources().get(machine.logicalId()).properties().get("DefinitionSubstitutions"))
                .forEach((name, value) -> substitutions.put(name, resolver.string(value)));
        return new StateMachine(machine.logicalId(), machine.arn(), machine.definitionUri(), substitutions);
    }

    /** Roles, schedule groups, topics...: a plausible local name and ARN, so env values are never empty. */
    private void nameOtherResources() {
        template.resources().values().stream().filter(resource -> !resolver.hasRef(resource.logicalId())).forEach(resource -> {
            switch (resource.type()) {
                case "AWS::IAM::Role" -> {
                    resolver.ref(resource.logicalId(), resource.logicalId());
                    resolver.attribute(resource.logicalId(), "Arn", "arn:aws:iam::000000000000:role/" + resource.logicalId());
                }
                case "AWS::Scheduler::ScheduleGroup" -> {
                    String name = Optional.ofNullable(resolver.string(resource.properties().get("Name"))).orElse(resource.logicalId());
                    resolver.ref(resource.logicalId(), name);
                    resolver.attribute(resource.logicalId(), "Arn", resolver.arn("scheduler", "schedule-group/" + name));
                }
                default -> {
                    resolver.ref(resource.logicalId(), resource.logicalId());
                    resolver.attribute(resource.logicalId(), "Arn", resolver.arn("local", resource.logicalId()));
                }
            }
        });
    }

    private static void putIfValue(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    private void registerFunction(Resource function, Class<?> handler) {
        Map<String, Object> globals = template.functionGlobals();
        Map<String, String> env = new LinkedHashMap<>();
        // A variable whose value is !Ref AWS::NoValue (e.g. behind !If) does not exist, as on AWS.
        map(map(globals.get("Environment")).get("Variables")).forEach((k, v) -> putIfValue(env, k, resolver.string(v)));
        map(map(function.properties().get("Environment")).get("Variables")).forEach((k, v) -> putIfValue(env, k, resolver.string(v)));
        env.remove("JAVA_TOOL_OPTIONS"); // JVM flags for the Lambda JVM; meaningless inside this one
        int timeout = Integer.parseInt(Optional.ofNullable(resolver.string(function.properties().get("Timeout")))
                .orElse(Optional.ofNullable(resolver.string(globals.get("Timeout"))).orElse("3")));
        int memory = Integer.parseInt(Optional.ofNullable(resolver.string(function.properties().get("MemorySize")))
                .orElse(Optional.ofNullable(resolver.string(globals.get("MemorySize"))).orElse("128")));
        runtime.function(function.logicalId(), handler, env, Duration.ofSeconds(timeout), memory);
    }

    private List<Route> wireEvents(Resource function, Map<String, CreatedQueue> queues) {
        List<Route> routes = new ArrayList<>();
        map(function.properties().get("Events")).values().forEach(definition -> {
            Map<String, Object> event = map(definition);
            Map<String, Object> p = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "SQS" -> {
                    String queueArn = resolver.string(p.get("Queue"));
                    CreatedQueue queue = queues.values().stream().filter(q -> q.arn().equals(queueArn)).findFirst()
                            .orElseThrow(() -> new IllegalStateException(function.logicalId() + ": no local queue " + queueArn));
                    int batchSize = Integer.parseInt(Optional.ofNullable(resolver.string(p.get("BatchSize"))).orElse("10"));
                    int window = Integer.parseInt(Optional.ofNullable(resolver.string(p.get("MaximumBatchingWindowInSeconds"))).orElse("0"));
                    boolean partial = list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
                    int concurrency = Optional.ofNullable(resolver.string(map(p.get("ScalingConfig")).get("MaximumConcurrency")))
                            .map(Integer::parseInt).orElse(SqsTrigger.DEFAULT_LOCAL_CONCURRENCY);
                    runtime.sqsTrigger(new SqsTrigger(function.logicalId(), queue.url(), queue.arn(), batchSize,
                            Duration.ofSeconds(window), partial, concurrency));
                }
                case "HttpApi" -> {
                    Route route = httpRoute(function.logicalId(), p);
                    runtime.route(route);
                    routes.add(route);
                }
                default -> {
                    // schedules and other event sources have no local trigger; the functions are still invocable
                }
            }
        });
        return routes;
    }

    /** A route is behind the JWT authorizer when its API has a DefaultAuthorizer and the event does not say NONE. */
    private Route httpRoute(String functionName, Map<String, Object> event) {
        String path = Optional.ofNullable(resolver.string(event.get("Path"))).orElse("/{proxy+}");
        String method = Optional.ofNullable(resolver.string(event.get("Method"))).orElse("ANY");
        Map<String, Object> apiAuth = map(apiOf(event).map(Resource::properties).orElse(Map.of()).get("Auth"));
        Map<String, Object> eventAuth = map(event.get("Auth"));
        String authorizer = Optional.ofNullable(resolver.string(eventAuth.get("Authorizer")))
                .orElse(resolver.string(apiAuth.get("DefaultAuthorizer")));
        if (authorizer == null || authorizer.equals("NONE")) {
            return Route.open(method, path, functionName);
        }
        List<Object> scopes = list(eventAuth.containsKey("AuthorizationScopes") ? eventAuth.get("AuthorizationScopes")
                : map(map(apiAuth.get("Authorizers")).get(authorizer)).get("AuthorizationScopes"));
        return Route.jwt(method, path, functionName, scopes.stream().map(resolver::string).toArray(String[]::new));
    }

    private Optional<Resource> apiOf(Map<String, Object> event) {
        Object apiId = event.get("ApiId");
        if (apiId instanceof Intrinsic ref && ref.function().equals("Ref")) {
            return Optional.ofNullable(template.resources().get(String.valueOf(ref.argument())));
        }
        return template.resourcesOfType("AWS::Serverless::HttpApi").stream().findFirst();
    }

    private Optional<Class<?>> handlerClass(Resource function) {
        try {
            return Optional.of(Class.forName(handlerName(function), false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String handlerName(Resource function) {
        return String.valueOf(function.properties().get("Handler")).split("::")[0];
    }

    private String functionArn(String name) {
        return resolver.arn("lambda", "function:" + name);
    }
}
