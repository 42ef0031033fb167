package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.ProjectRoot;
import com.billrun.local.template.Intrinsic;
import com.billrun.local.template.SamTemplate;
import com.billrun.local.template.SamTemplate.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is the source of truth for what runs on AWS, and nothing checks it before a deploy does: these
 * tests read it (CloudFormation short-form tags included) and check that it names only what exists.
 */
class TemplateTest {

    private static final Path ROOT = ProjectRoot.find().orElseThrow();
    private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");
    private static final Pattern ASL_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @Test
    void everyFunctionNamesAHandlerClassThatFollowsTheConvention() {
        for (Resource function : functions()) {
            Class<?> handler = HandlerProbe.handlerClass(function);
            assertTrue(HandlerProbe.isLambdaHandler(handler), function.logicalId() + ": " + handler + " is no Lambda handler");
        }
    }

    /** A handler reads its settings in its constructor (see com.billrun.aws); each must be set by the template. */
    @Test
    void everyEnvironmentVariableAHandlerReadsIsSetForIt() {
        for (Resource function : functions()) {
            Set<String> declared = new TreeSet<>(variables(TEMPLATE.functionGlobals()));
            declared.addAll(variables(function.properties()));
            Set<String> read = HandlerProbe.variablesRead(HandlerProbe.handlerClass(function));
            read.removeAll(declared);
            assertEquals(Set.of(), read, function.logicalId() + " reads variables template.yaml does not set");
        }
    }

    @Test
    void everyRefGetAttAndSubNamesSomethingThatExists() {
        Set<String> known = new TreeSet<>(TEMPLATE.resources().keySet());
        known.addAll(parameters());
        functions().forEach(function -> known.add(function.logicalId() + ".Alias")); // AutoPublishAlias in Globals
        List<String> missing = new ArrayList<>();
        walk(rawTemplate(), intrinsic -> targets(intrinsic).stream()
                .filter(target -> !target.startsWith("AWS::") && !known.contains(target))
                .forEach(target -> missing.add("!" + intrinsic.function() + " " + target)));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyDefinitionSubstitutionMatchesAPlaceholderOfItsDefinitionAndViceVersa() throws IOException {
        List<Resource> machines = TEMPLATE.resourcesOfType("AWS::Serverless::StateMachine");
        assertTrue(machines.size() >= 2, "the bill-run and post-run state machines");
        for (Resource machine : machines) {
            String definition = Files.readString(ROOT.resolve(String.valueOf(machine.properties().get("DefinitionUri"))));
            Set<String> placeholders = new TreeSet<>();
            ASL_PLACEHOLDER.matcher(definition).results().forEach(m -> placeholders.add(m.group(1)));
            Set<String> substitutions = new TreeSet<>(SamTemplate.map(machine.properties().get("DefinitionSubstitutions")).keySet());
            assertEquals(placeholders, substitutions, machine.logicalId() + ": placeholders vs DefinitionSubstitutions");
        }
    }

    @Test
    void noPolicyGrantsFullAccessOrATableScan() {
        List<String> tooBroad = new ArrayList<>();
        TEMPLATE.resources().values().forEach(resource -> strings(resource.properties().get("Policies"), value -> {
            if (value.endsWith("FullAccess") || value.equals("dynamodb:Scan") || value.equals("dynamodb:*") || value.equals("*:*")) {
                tooBroad.add(resource.logicalId() + ": " + value);
            }
        }));
        assertEquals(List.of(), tooBroad);
    }

    /**
     * "IAM policies for using Distributed Map states" (AWS Step Functions developer guide): the bill run's
     * Distributed Map needs states:StartExecution on its own state machine and states:DescribeExecution and
     * states:StopExecution on its executions (the children are execution:&lt;name&gt;/&lt;label&gt;:&lt;id&gt;); nothing more
     * of Step Functions, and on nothing else.
     */
    @Test
    void theBillRunRoleMayRunItsDistributedMapAndNothingBroader() {
        Resource machine = TEMPLATE.resources().get("BillRunStateMachine");
        String name = String.valueOf(((Intrinsic) machine.properties().get("Name")).argument());
        String prefix = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:";
        List<String> statesGrants = new ArrayList<>();
        SamTemplate.list(machine.properties().get("Policies")).stream().map(SamTemplate::map)
                .flatMap(policy -> SamTemplate.list(policy.get("Statement")).stream()).map(SamTemplate::map)
                .forEach(statement -> {
                    List<String> actions = new ArrayList<>();
                    strings(statement.get("Action"), actions::add);
                    List<String> resources = new ArrayList<>();
                    strings(statement.get("Resource"), resources::add);
                    actions.stream().filter(action -> action.startsWith("states:"))
                            .forEach(action -> statesGrants.add(action + " on " + resources));
                });
        assertEquals(List.of("states:StartExecution on [" + prefix + "stateMachine:" + name + "]",
                "states:DescribeExecution on [" + prefix + "execution:" + name + "/*]",
                "states:StopExecution on [" + prefix + "execution:" + name + "/*]"), statesGrants);
    }

    @Test
    void everyQueueConsumerReportsBatchItemFailures() {
        functions().forEach(function -> SamTemplate.map(function.properties().get("Events")).forEach((name, event) -> {
            Map<String, Object> definition = SamTemplate.map(event);
            if ("SQS".equals(definition.get("Type"))) {
                assertTrue(SamTemplate.list(SamTemplate.map(definition.get("Properties")).get("FunctionResponseTypes"))
                        .contains("ReportBatchItemFailures"), function.logicalId() + "." + name);
            }
        }));
    }

    private static List<Resource> functions() {
        return TEMPLATE.resourcesOfType("AWS::Serverless::Function");
    }

    private static Set<String> variables(Map<String, Object> functionProperties) {
        return SamTemplate.map(SamTemplate.map(functionProperties.get("Environment")).get("Variables")).keySet();
    }

    private static Set<String> parameters() {
        return SamTemplate.map(rawTemplate().get("Parameters")).keySet();
    }

    private static Map<String, Object> rawTemplate() {
        return CloudFormationYaml.load(ROOT.resolve("template.yaml"));
    }

    /** What an intrinsic points at: a Ref's name, a GetAtt's resource.attribute, a Sub's ${...} variables. */
    private static List<String> targets(Intrinsic intrinsic) {
        return switch (intrinsic.function()) {
            case "Ref" -> List.of(String.valueOf(intrinsic.argument()));
            case "GetAtt" -> List.of(String.valueOf(SamTemplate.list(intrinsic.argument()).getFirst()));
            case "Sub" -> subVariables(intrinsic.argument());
            default -> List.of();
        };
    }

    private static List<String> subVariables(Object argument) {
        List<Object> parts = SamTemplate.list(argument);
        Set<String> local = SamTemplate.map(parts.size() > 1 ? parts.get(1) : null).keySet();
        Matcher matcher = SUB_VARIABLE.matcher(String.valueOf(parts.getFirst()));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1).split("\\.")[0];
            if (!local.contains(name)) {
                names.add(matcher.group(1).startsWith("AWS::") ? matcher.group(1) : name);
            }
        }
        return names;
    }

    private static void walk(Object node, Consumer<Intrinsic> visitor) {
        switch (node) {
            case Intrinsic intrinsic -> {
                visitor.accept(intrinsic);
                walk(intrinsic.argument(), visitor);
            }
            case Map<?, ?> map -> map.values().forEach(value -> walk(value, visitor));
            case List<?> list -> list.forEach(value -> walk(value, visitor));
            case null, default -> { }
        }
    }

    private static void strings(Object node, Consumer<String> visitor) {
        switch (node) {
            case String text -> visitor.accept(text);
            case Intrinsic intrinsic -> strings(intrinsic.argument(), visitor);
            case Map<?, ?> map -> map.forEach((key, value) -> {
                strings(key, visitor);
                strings(value, visitor);
            });
            case List<?> list -> list.forEach(value -> strings(value, visitor));
            case null, default -> { }
        }
    }
}
