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
}
