package com.billrun.local.sfn.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Recognises the Task resources the engine runs, checking their required Parameters; refuses the others. */
final class TaskResources {
    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    static final String SQS_SEND = "arn:aws:states:::sqs:sendMessage";
    static final String SQS_SEND_WAIT = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?");

    private TaskResources() {
    }

    static TaskResource parse(StateFieldReader fields, JsonNode parameters) {
        String arn = fields.requiredString("Resource");
        if (arn.equals(LAMBDA_INVOKE)) {
            requireParameter(fields, parameters, "FunctionName", arn);
            return new TaskResource.LambdaInvoke(arn);
        }
        if (FUNCTION_ARN.matcher(arn).matches()) {
            return new TaskResource.LambdaFunction(arn);
        }
        if (arn.equals(SQS_SEND) || arn.equals(SQS_SEND_WAIT)) {
            requireParameter(fields, parameters, "QueueUrl", arn);
            requireParameter(fields, parameters, "MessageBody", arn);
            boolean waits = arn.equals(SQS_SEND_WAIT);
            if (waits && !parameters.toString().contains("$$.Task.Token")) {
                // Without the token in the message nobody can ever answer: the execution would hang until timeout.
                throw fields.error("Parameters", ".waitForTaskToken needs \"$$.Task.Token\" somewhere in Parameters");
            }
            return new TaskResource.SqsSendMessage(arn, waits);
        }
        if (arn.startsWith("arn:aws:states:::aws-sdk:")) {
            throw fields.error("Resource", "AWS SDK integrations (" + arn + ") are not supported by the local engine");
        }
        throw fields.error("Resource", "unsupported resource '" + arn + "' (supported: " + LAMBDA_INVOKE
                + ", a Lambda function ARN, " + SQS_SEND + ", " + SQS_SEND_WAIT + ")");
    }

    private static void requireParameter(StateFieldReader fields, JsonNode parameters, String name, String arn) {
        if (parameters == null || !(parameters.has(name) || parameters.has(name + ".$"))) {
            throw fields.error("Parameters", arn + " requires Parameters." + name);
        }
    }
}
