package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.definition.DefinitionException;
import com.billrun.local.sfn.definition.DefinitionLoader;
import com.billrun.local.sfn.definition.State;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Load-time refusals: never silently wrong. Each message names the state and the field. */
class DefinitionLoaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown field                 | "Type": "Pass", "Reslt": 1, "End": true                                          | State 'S', field 'Reslt': unknown field for a Pass state
            JSONata in a state            | "Type": "Pass", "QueryLanguage": "JSONata", "End": true                          | State 'S', field 'QueryLanguage': JSONata is not supported
            workflow variables            | "Type": "Pass", "Assign": {"x": 1}, "End": true                                   | State 'S', field 'Assign'
            unsupported resource          | "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true       | State 'S', field 'Resource': unsupported resource 'arn:aws:states:::dynamodb:putItem'
            aws-sdk integration           | "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "End": true   | State 'S', field 'Resource': AWS SDK integrations
            lambda without FunctionName   | "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true          | State 'S', field 'Parameters': arn:aws:states:::lambda:invoke requires Parameters.FunctionName
            callback without token        | "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": {}}, "End": true | State 'S', field 'Parameters': .waitForTaskToken needs
            distributed Map without type  | "Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true | State 'S', field 'ItemProcessor.ProcessorConfig.ExecutionType': is required
            ItemReader                    | "Type": "Map", "ItemReader": {}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true | State 'S', field 'ItemReader': ItemReader is not supported
            ResultWriter                  | "Type": "Map", "ResultWriter": {}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true | State 'S', field 'ResultWriter': ResultWriter is not supported
            batcher on an inline Map      | "Type": "Map", "ItemBatcher": {"MaxItemsPerBatch": 2}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true | State 'S', field 'ItemBatcher': is only for a Map whose ProcessorConfig.Mode is DISTRIBUTED
            Next to nowhere               | "Type": "Pass", "Next": "Nowhere"                                                | State 'S', field 'Next': no state named 'Nowhere'
            Next and End                  | "Type": "Pass", "Next": "S", "End": true                                         | State 'S', field 'End'
            bad path                      | "Type": "Pass", "InputPath": "items", "End": true                                | State 'S', field 'InputPath': 'items' is not a JSONPath
            bad ResultPath                | "Type": "Pass", "ResultPath": "$.items[*]", "End": true                          | State 'S', field 'ResultPath'
            bad intrinsic                 | "Type": "Pass", "Parameters": {"x.$": "States.Nope(1)"}, "End": true             | State 'S', field 'Parameters': 'x.$': intrinsic function
            unknown Choice operator       | "Type": "Choice", "Choices": [{"Variable": "$.x", "StringEqual": "a", "Next": "S"}] | State 'S', field 'Choices[0].StringEqual': unknown Choice Rule field
            Choice operand of wrong type  | "Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "S"}] | State 'S', field 'Choices[0].NumericEquals': has the wrong type
            States.ALL not last           | "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": true | State 'S', field 'Retry[0].ErrorEquals': States.ALL must appear alone and in the last entry
            heartbeat not below timeout   | "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": true | State 'S', field 'HeartbeatSeconds': must be smaller than TimeoutSeconds
            unknown Retry field           | "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Retry": [{"ErrorEquals": ["X"], "MaxAtempts": 1}], "End": true | State 'S', field 'Retry[0].MaxAtempts': unknown field
            """)
    void refusals(String what, String stateBody, String expectedMessage) {
        String definition = "{\"StartAt\": \"S\", \"States\": {\"S\": {" + stateBody + "}}}";

        DefinitionException refused = assertThrows(DefinitionException.class, () -> DefinitionLoader.load(definition, Map.of()));
        assertTrue(refused.getMessage().startsWith(expectedMessage), what + ": " + refused.getMessage());
    }

    @Test
    @DisplayName("A top-level QueryLanguage JSONata is refused")
    void topLevelJsonata() {
        DefinitionException refused = assertThrows(DefinitionException.class, () -> DefinitionLoader.load(
                "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", Map.of()));

        assertEquals("Definition, field 'QueryLanguage': JSONata is not supported; the local engine runs JSONPath states only",
                refused.getMessage());
    }

    @Test
    @DisplayName("DefinitionSubstitutions replace ${Name} as SAM does; a placeholder without a value is refused")
    void substitutions() {
        String definition = """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "${InvoiceFunctionArn}", "End": true}}}""";

        State.Task task = (State.Task) DefinitionLoader.load(definition,
                Map.of("InvoiceFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:invoice")).graph().state("S");
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:invoice", task.resource().arn());

        DefinitionException refused = assertThrows(DefinitionException.class, () -> DefinitionLoader.load(definition, Map.of()));
        assertTrue(refused.getMessage().contains("${InvoiceFunctionArn}"), refused.getMessage());
    }

    @Test
    @DisplayName("State names must be unique across the whole machine, nested Map states included")
    void uniqueStateNames() {
        DefinitionException refused = assertThrows(DefinitionException.class, () -> DefinitionLoader.load("""
                {"StartAt": "S", "States": {"S": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}}}}""", Map.of()));

        assertTrue(refused.getMessage().startsWith("State 'S': state names must be unique"), refused.getMessage());
    }
}
