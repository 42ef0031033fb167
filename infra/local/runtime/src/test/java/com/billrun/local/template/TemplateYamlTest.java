package com.billrun.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.LocalFunctions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ProjectRoot;
import com.billrun.local.SharedStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The project's own template.yaml comes up locally: every table and queue, every reference resolved. */
class TemplateYamlTest {

    @Test
    void theProjectTemplateIsWiredWithNothingLeftUnresolved() {
        Path templateFile = ProjectRoot.find().orElseThrow().resolve("template.yaml");
        SamTemplate template = SamTemplate.load(templateFile);
        try (var runtime = new LocalRuntime(SharedStack.get())) {
            var result = TemplateWiring.apply(runtime, template, LocalFunctions.LOCAL_PARAMETERS);

            assertEquals(template.resourcesOfType("AWS::DynamoDB::Table").size(), result.tables().size());
            assertEquals(template.resourcesOfType("AWS::SQS::Queue").size(), result.queues().size());
            var existing = template.resourcesOfType("AWS::Serverless::Function").stream()
                    .filter(function -> function.condition() == null || result.resolver().holds(function.condition()))
                    .toList();
            assertEquals(existing.size(), result.functions().size() + result.skippedFunctions().size());
            // with the dev tokens' issuer given, the stack creates no user pool, hence no Cognito trigger
            assertFalse(result.resolver().holds("CreateUserPool"));
            assertFalse(result.functions().contains("TokenClaimsFunction"));
            result.stateMachines().forEach(machine -> machine.substitutions().forEach((name, value) ->
                    assertFalse(value.contains("<unresolved"), machine.logicalId() + "." + name + " = " + value)));
            result.functions().forEach(function -> runtime.runner().spec(function).env().forEach((name, value) ->
                    assertFalse(value.contains("<unresolved"), function + " " + name + " = " + value)));
            result.queues().values().stream()
                    .map(queue -> runtime.sqs().getQueueAttributes(b -> b.queueUrl(queue.url())
                            .attributeNames(QueueAttributeName.ALL)).attributes())
                    .filter(attributes -> attributes.containsKey(QueueAttributeName.REDRIVE_POLICY))
                    .forEach(attributes -> assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("DeadLetterQueue")));
        }
    }
}
