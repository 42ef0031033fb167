package com.billrun.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The port through which Task states call Lambda functions. The local runtime plugs its in-process Lambda
 * runner in here; tests plug lambdas.
 */
@FunctionalInterface
public interface LambdaInvoker {
    /**
     * @param functionNameOrArn as written in the definition: a name, a partial or a full function ARN
     *                          (possibly with a version or alias qualifier)
     * @param payload           the event, already JSON
     * @return the function's result (NullNode for a void handler)
     * @throws LambdaInvocationException when the function raised an error (its errorType and errorMessage)
     */
    JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaInvocationException;

    /**
     * The function name inside any of Lambda's FunctionName forms: "name", "name:alias",
     * "123456789012:function:name" and "arn:aws:lambda:us-east-1:123456789012:function:name[:alias]" all give
     * "name" (Lambda Invoke API, FunctionName). Definitions carry alias ARNs (template: !Ref Function.Alias).
     */
    static String functionName(String functionNameOrArn) {
        String[] parts = functionNameOrArn.split(":");
        int function = java.util.Arrays.asList(parts).indexOf("function");
        return function >= 0 && function + 1 < parts.length ? parts[function + 1] : parts[0];
    }
}
