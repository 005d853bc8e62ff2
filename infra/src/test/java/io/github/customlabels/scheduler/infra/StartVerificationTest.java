package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.CheckScheduleName;
import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack's part of verified starts: the checks' group, Scheduler's role, the function's exact rights, the alarm. */
class StartVerificationTest {

    private static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops-alerts";

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void createsTheChecksScheduleGroup() {
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup",
                Map.of("Name", "CustomLabelsScheduler-verifications"));
    }

    @Test
    void keepsTheGroupOfALongStackNameWithinSchedulersLimits() {
        // CloudFormation allows 128 characters; Scheduler's group names 64 of [0-9a-zA-Z-_.].
        String stackName = "CustomLabelsScheduler-production-eu-west-1-team-vision-quality-inspection";
        SchedulerStack stack = new SchedulerStack(TestStacks.app(), "LongName", new SchedulerStackProps(
                StackProps.builder().stackName(stackName)
                        .env(Environment.builder().account(TestStacks.ACCOUNT).region("eu-west-1").build()).build(),
                DeploymentConfig.parse(TestConfigs.example()), TestStacks.functionPackage()));
        Template longName = Template.fromStack(stack);
        String group = CheckScheduleName.group(stackName);

        assertTrue(group.matches("[0-9a-zA-Z._-]{1,64}"), group);
        longName.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", group));
        longName.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(VerificationSettings.GROUP_VARIABLE, group))))));
        longName.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "ManageStartChecks",
                        "Resource", Match.stringLikeRegexp(".*:schedule/" + group + "/\\*$")))))))));
    }

    @Test
    void schedulerAssumesTheVerificationRoleForThisAccountOnly() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Match.objectLike(Map.of("StringEquals",
                                Match.objectLike(Map.of("aws:SourceAccount", Match.anyValue()))))))))));
    }

    @Test
    void theVerificationRoleMayOnlyInvokeTheLiveAliasDeadLetterAndPublish() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "InvokeLiveAlias",
                        "Action", "lambda:InvokeFunction",
                        "Resource", Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("LiveAlias.*"))))),
                        Match.objectLike(Map.of("Sid", "SendUndeliveredChecks", "Action", "sqs:SendMessage"))))))));
    }

    @Test
    void theFunctionManagesOnlyTheChecksOfItsGroupAndPassesOnlyThatRoleToScheduler() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "ManageStartChecks",
                                // Exactly these four, in the order the CDK sorts them.
                                "Action", List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule",
                                        "scheduler:GetSchedule", "scheduler:UpdateSchedule"),
                                "Resource", Match.stringLikeRegexp(
                                        "^arn:aws:scheduler:[a-z0-9-]+:\\d{12}:schedule/CustomLabelsScheduler-verifications/\\*$")))))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "PassSchedulerRole", "Action", "iam:PassRole",
                                "Condition", Map.of("StringEquals",
                                        Map.of("iam:PassedToService", "scheduler.amazonaws.com"))))))))));
    }

    @Test
    void theFunctionKnowsItsGroupRoleAndAlias() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(
                        VerificationSettings.GROUP_VARIABLE, "CustomLabelsScheduler-verifications",
                        VerificationSettings.ROLE_VARIABLE, Match.anyValue(),
                        VerificationSettings.ALIAS_VARIABLE, SchedulerFunction.ALIAS_NAME))))));
    }

    @Test
    void theFunctionChecksOnTheDefaultTimingsUnlessConfigured() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(
                        VerificationSettings.FIRST_CHECK_VARIABLE, "10",
                        VerificationSettings.CHECK_EVERY_VARIABLE, "5",
                        VerificationSettings.TIMEOUT_VARIABLE, "40"))))));
    }

    @Test
    void theConfiguredTimingsReachTheFunctionAndTheAlarmsDescription() {
        Map<String, Object> context = TestConfigs.example();
        context.put("verification", TestConfigs.map("timeoutMinutes", 90, "firstCheckMinutes", 20,
                "checkEveryMinutes", 15));

        Template configured = TestStacks.template(context);

        configured.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(
                        VerificationSettings.FIRST_CHECK_VARIABLE, "20",
                        VerificationSettings.CHECK_EVERY_VARIABLE, "15",
                        VerificationSettings.TIMEOUT_VARIABLE, "90"))))));
        configured.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "CustomLabelsScheduler-start-not-verified",
                "AlarmDescription", Match.stringLikeRegexp(".*not RUNNING within 90 minutes.*"))));
    }

    @Test
    void schedulerMayUseTheKeyOfTheStacksOwnTopicToPublishNotifications() {
        Template withEmail = withAlarms("email", "ops@example.com");
        String key = withEmail.getResourceId("AWS::KMS::Key");
        String topic = withEmail.getResourceId("AWS::SNS::Topic");
        String role = schedulerRoleId(withEmail);

        withEmail.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "PublishNotifications", "Action", "sns:Publish",
                        "Resource", Map.of("Ref", topic)))))))));
        withEmail.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Resource", Map.of("Fn::GetAtt", List.of(key, "Arn"))))))))));
    }

    @Test
    void grantsNoKeyForAnExistingTopicAndNamesTheRoleItsKeyPolicyMustAllow() {
        Template existing = withAlarms("topicArn", OPS_TOPIC);

        existing.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "PublishNotifications", "Action", "sns:Publish", "Resource", OPS_TOPIC))))))));
        Map<String, Map<String, Object>> keyGrants = existing.findResources("AWS::IAM::Policy", Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(
                        List.of(Match.objectLike(Map.of("Action", Match.arrayWith(List.of("kms:Decrypt"))))))))))));
        assertEquals(Map.of(), keyGrants);
        existing.hasOutput("VerificationSchedulerRoleArn", Map.of("Value",
                Map.of("Fn::GetAtt", List.of(schedulerRoleId(existing), "Arn"))));
    }

    @Test
    void theStartNotVerifiedAlarmNotifiesTheAlarmTopic() {
        Template withEmail = withAlarms("email", "ops@example.com");
        Template existing = withAlarms("topicArn", OPS_TOPIC);

        withEmail.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "CustomLabelsScheduler-start-not-verified",
                "AlarmActions", List.of(Map.of("Ref", withEmail.getResourceId("AWS::SNS::Topic"))))));
        existing.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "CustomLabelsScheduler-start-not-verified",
                "AlarmActions", List.of(OPS_TOPIC))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "CustomLabelsScheduler-start-not-verified",
                "AlarmActions", Match.absent())));
    }

    @Test
    void oneAlarmPerDeploymentFiresOnAStartNotVerified() {
        Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                Map.of("MetricName", Metrics.START_VERIFICATION_FAILED)));
        assertEquals(1, alarms.size());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "CustomLabelsScheduler-start-not-verified",
                "MetricName", Metrics.START_VERIFICATION_FAILED,
                "Namespace", "CustomLabelsScheduler",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Statistic", "Sum",
                "TreatMissingData", "notBreaching",
                "EvaluationPeriods", 1,
                "Period", 300));
    }

    private static Template withAlarms(String key, String value) {
        Map<String, Object> context = TestConfigs.example();
        context.put("alarms", TestConfigs.map(key, value));
        return TestStacks.template(context);
    }

    /** The role Scheduler assumes, found by its trust policy (the function's role trusts Lambda). */
    private static String schedulerRoleId(Template stack) {
        Map<String, Map<String, Object>> roles = stack.findResources("AWS::IAM::Role", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Principal", Map.of("Service", "scheduler.amazonaws.com"))))))))));
        assertEquals(1, roles.size(), roles.keySet().toString());
        return roles.keySet().iterator().next();
    }
}
