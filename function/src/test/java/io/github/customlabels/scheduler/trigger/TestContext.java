package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context with a fixed remaining time. The function logs through its own sink, never this logger. */
final class TestContext implements Context {

    private final int remainingMillis;

    TestContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    TestContext() {
        this(30_000);
    }

    @Override
    public String getAwsRequestId() {
        return "8f5b9d1e-test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/custom-labels-scheduler";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/28/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return "custom-labels-scheduler";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:custom-labels-scheduler:live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                throw new AssertionError("the function logged through the Lambda context: " + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
