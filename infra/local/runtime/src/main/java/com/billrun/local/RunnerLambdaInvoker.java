package com.billrun.local;

import com.billrun.local.lambda.Invocation;
import com.billrun.local.lambda.LambdaError;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.LambdaInvocationException;
import com.billrun.local.sfn.LambdaInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Lets the local Step Functions engine call Lambda tasks on the in-process {@link LambdaRunner}. */
final class RunnerLambdaInvoker implements LambdaInvoker {

    private final LambdaRunner runner;

    RunnerLambdaInvoker(LambdaRunner runner) {
        this.runner = runner;
    }

    @Override
    public JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaInvocationException {
        Invocation call;
        try {
            call = runner.invoke(functionNameOrArn, Json.write(payload));
        } catch (IllegalArgumentException unknownFunction) {
            throw new LambdaInvocationException(LambdaInvocationException.FUNCTION_NOT_FOUND, unknownFunction.getMessage());
        }
        if (call.failed()) {
            LambdaError error = call.error().orElseThrow();
            throw new LambdaInvocationException(error.errorType(), error.errorMessage());
        }
        String text = call.payloadText();
        return text.isBlank() ? NullNode.getInstance() : Json.parse(text);
    }
}
