package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.ConstructStacks.arnOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.infra.config.Command;
import io.github.customlabels.scheduler.infra.config.ScheduleConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.Queue;

/** The schedules built alone from their props: one per configured schedule, each sending its command to the target. */
class ModelSchedulesConstructTest {

    private static final ScheduleConfig WARM_UP = new ScheduleConfig("warm-up", "0 7 ? * MON-FRI *", "Europe/Berlin",
            new Command(Action.START, List.of("defects", "logos"), null, null), null);
    private static final ScheduleConfig MONTHLY = new ScheduleConfig("monthly-check", "15 6 1 * ? 2027",
            "America/New_York", new Command(Action.START, List.of("defects"), 2L, 4L), "First of the month");
    private static final ScheduleConfig COOL_DOWN = new ScheduleConfig("cool-down", "30 18 ? * MON-FRI *",
            "Asia/Tokyo", new Command(Action.STOP, List.of("logos"), null, null), null);

    private static Function target;
    private static Queue deadLetters;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = ConstructStacks.stack();
        target = ConstructStacks.function(stack, "Target");
        deadLetters = ConstructStacks.queue(stack, "DeadLetters");
        new ModelSchedules(stack, "Schedules", new ModelSchedules.Props(target, List.of(WARM_UP, MONTHLY, COOL_DOWN),
                deadLetters, "given-group"));
        template = Template.fromStack(stack);
    }

    @Test
    void createsOneScheduleInTheGivenGroupPerConfiguredSchedule() {
        template.resourceCountIs("AWS::Scheduler::Schedule", 3);
        template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "given-group"));
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "GroupName", "given-group")));
        for (String name : List.of("warm-up", "monthly-check", "cool-down")) {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("Name", name));
        }
    }

    @Test
    void firesAtEachSchedulesCronInItsTimeZoneWithoutAWindow() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "warm-up",
                "ScheduleExpression", "cron(0 7 ? * MON-FRI *)",
                "ScheduleExpressionTimezone", "Europe/Berlin",
                "FlexibleTimeWindow", Map.of("Mode", "OFF")));
        // A day-of-month cron keeps its day and its "?" day of week, and its year.
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "monthly-check",
                "ScheduleExpression", "cron(15 6 1 * ? 2027)",
                "ScheduleExpressionTimezone", "America/New_York",
                "FlexibleTimeWindow", Map.of("Mode", "OFF")));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "cool-down",
                "ScheduleExpression", "cron(30 18 ? * MON-FRI *)",
                "ScheduleExpressionTimezone", "Asia/Tokyo"));
    }

    @Test
    void sendsEachSchedulesCommandWithItsScheduleMarker() {
        assertEquals(Map.of("action", "start", "models", List.of("defects", "logos"), "schedule", "warm-up"),
                input("warm-up"));
        assertEquals(Map.of("action", "start", "models", List.of("defects"), "minInferenceUnits", 2L,
                "maxInferenceUnits", 4L, "schedule", "monthly-check"), input("monthly-check"));
        assertEquals(Map.of("action", "stop", "models", List.of("logos"), "schedule", "cool-down"),
                input("cool-down"));
    }

    @Test
    void invokesTheGivenFunctionWithARoleAllowedToInvokeIt() {
        Capture role = new Capture();
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("Arn", arnOf(target))))));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")))))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", role.asString())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Effect", "Allow",
                        "Resource", Match.arrayWith(List.of(arnOf(target))))))))));
    }

    @Test
    void retriesForAnHourThenSendsToTheGivenDeadLetterQueue() {
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600),
                        "DeadLetterConfig", Map.of("Arn", arnOf(deadLetters)))))));
    }

    @Test
    void describesEachScheduleAsConfiguredOrByItsCommand() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "monthly-check", "Description", "First of the month"));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "warm-up", "Description", "start defects, logos at cron(0 7 ? * MON-FRI *) Europe/Berlin"));
    }

    @Test
    void followsAChangedScheduleAndGroup() {
        Stack stack = ConstructStacks.stack();
        ScheduleConfig changed = new ScheduleConfig("warm-up", "45 5 ? * SAT *", "UTC",
                new Command(Action.START, List.of("logos"), 3L, null), null);
        new ModelSchedules(stack, "Schedules", new ModelSchedules.Props(ConstructStacks.function(stack, "Target"),
                List.of(changed), ConstructStacks.queue(stack, "DeadLetters"), "other-group"));
        Template custom = Template.fromStack(stack);

        custom.resourceCountIs("AWS::Scheduler::Schedule", 1);
        custom.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "other-group"));
        custom.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of("GroupName", "other-group")));
        custom.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "warm-up",
                "ScheduleExpression", "cron(45 5 ? * SAT *)",
                "ScheduleExpressionTimezone", "UTC",
                "Target", Match.objectLike(Map.of("Input",
                        "{\"action\":\"start\",\"models\":[\"logos\"],\"minInferenceUnits\":3,\"schedule\":\"warm-up\"}"))));
    }

    @Test
    void createsNeitherGroupNorScheduleWithoutSchedules() {
        Stack stack = ConstructStacks.stack();
        new ModelSchedules(stack, "Schedules", new ModelSchedules.Props(ConstructStacks.function(stack, "Target"),
                List.of(), ConstructStacks.queue(stack, "DeadLetters"), "given-group"));
        Template empty = Template.fromStack(stack);

        empty.resourceCountIs("AWS::Scheduler::Schedule", 0);
        empty.resourceCountIs("AWS::Scheduler::ScheduleGroup", 0);
        empty.resourceCountIs("AWS::IAM::Role", 1); // the stand-in function's own
    }

    private static Map<String, Object> input(String scheduleName) {
        Capture input = new Capture();
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", scheduleName,
                "Target", Match.objectLike(Map.of("Input", input))));
        return JsonReader.readObject(input.asString());
    }
}
