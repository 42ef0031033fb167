package com.billrun.local.sfn.definition;

/**
 * The Task resources the local engine runs (AWS "Integrating services with Step Functions"); anything else is
 * refused when the definition loads.
 */
public sealed interface TaskResource {
    String arn();

    /** For history events: taskScheduledEventDetails.resourceType / resource. */
    String resourceType();

    String resourceName();

    /** {@code arn:aws:states:::lambda:invoke}: Parameters carry FunctionName and Payload; the result is wrapped. */
    record LambdaInvoke(String arn) implements TaskResource {
        public String resourceType() {
            return "lambda";
        }

        public String resourceName() {
            return "invoke";
        }
    }

    /** {@code arn:aws:lambda:region:account:function:name}: the effective input is the event, the result raw. */
    record LambdaFunction(String arn) implements TaskResource {
        public String resourceType() {
            return "lambda";
        }

        public String resourceName() {
            return arn;
        }
    }

    /** {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]}. */
    record SqsSendMessage(String arn, boolean waitForTaskToken) implements TaskResource {
        public String resourceType() {
            return "sqs";
        }

        public String resourceName() {
            return waitForTaskToken ? "sendMessage.waitForTaskToken" : "sendMessage";
        }
    }
}
