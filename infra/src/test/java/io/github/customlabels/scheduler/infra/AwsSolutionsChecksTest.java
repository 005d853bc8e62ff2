package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.sqs.Queue;

/** cdk-nag's AwsSolutions rules, as the app applies them: no unsuppressed error or warning, whatever the options. */
class AwsSolutionsChecksTest {

    static Stream<Arguments> configurations() {
        return Stream.of(
                configuration("the cdk.json example", context -> { }),
                configuration("every project ARN configured", context -> TestConfigs.model(context, "logos")
                        .put("projectArn", "arn:aws:rekognition:us-east-1:123456789012:project/logos/1760400000000")),
                configuration("no schedules and no idle stop", context -> {
                    context.remove("schedules");
                    TestConfigs.model(context, "defects").remove("idleStopMinutes");
                }),
                configuration("a locked API", context -> context.put("api", map(
                        "allowedPrincipals", list("arn:aws:iam::123456789012:role/model-operators"),
                        "apiKeyRequired", true))),
                configuration("SnapStart off and reserved concurrency", context -> context.put("function", map(
                        "snapStart", false, "reservedConcurrency", 2))),
                configuration("alarms to an existing topic", context -> context.put("alarms", map(
                        "topicArn", "arn:aws:sns:eu-west-1:123456789012:ops-alerts"))),
                configuration("alarms to an email address", context -> context.put("alarms", map(
                        "email", "ops@example.com"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void reportsNoUnsuppressedErrorOrWarning(String description, Consumer<Map<String, Object>> configure) {
        Map<String, Object> context = TestConfigs.example();
        configure.accept(context);
        SchedulerStack stack = TestStacks.stack(context);
        SchedulerApp.checkAwsSolutions(stack);

        Annotations annotations = Annotations.fromStack(stack);

        assertEquals(List.of(), describe(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
        assertEquals(List.of(), describe(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
    }

    /** Guards the test above against passing because the checks never ran. */
    @Test
    void reportsAFindingNobodySuppressed() {
        // cdk.json's annotationsInValidationReport makes such a finding fail the synth itself (as `cdk synth` does);
        // without it the finding can be read back here.
        SchedulerStack stack = TestStacks.stack(new App(AppProps.builder()
                        .context(RekognitionPermissionsTest.withoutValidationReport()).build()),
                TestConfigs.example(), TestStacks.REGION);
        Queue.Builder.create(stack, "UncheckedQueue").build();
        SchedulerApp.checkAwsSolutions(stack);

        List<String> errors = describe(Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*")));

        assertFalse(errors.isEmpty());
        assertEquals(List.of("/CustomLabelsScheduler/UncheckedQueue/Resource"),
                errors.stream().map(error -> error.substring(0, error.indexOf(' '))).distinct().toList());
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream().map(message -> message.getId() + " " + message.getEntry().getData()).toList();
    }

    private static Arguments configuration(String description, Consumer<Map<String, Object>> configure) {
        return Arguments.of(description, configure);
    }
}
