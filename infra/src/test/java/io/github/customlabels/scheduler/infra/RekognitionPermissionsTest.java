package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_PROJECT;
import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.LOGOS_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** The function role's Rekognition statements: the configured ARNs and nothing wider than the service forces. */
class RekognitionPermissionsTest {

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void startsAndStopsExactlyTheConfiguredVersions() {
        Map<String, Object> statement = statement(template, "rekognition:StartProjectVersion");

        // Overrides are tags on the same versions: the tagging actions share the statement and its exact ARNs.
        assertEquals(List.of("rekognition:ListTagsForResource", "rekognition:StartProjectVersion",
                        "rekognition:StopProjectVersion", "rekognition:TagResource", "rekognition:UntagResource"),
                statement.get("Action"));
        assertEquals(List.of(DEFECTS_VERSION, LOGOS_VERSION), statement.get("Resource"));
    }

    @Test
    void describesConfiguredProjectsAndTheProjectsOfVersionsWithoutOne() {
        Map<String, Object> statement = statement(template, "rekognition:DescribeProjectVersions");

        assertEquals("rekognition:DescribeProjectVersions", statement.get("Action"));
        assertEquals(List.of(DEFECTS_PROJECT, "arn:aws:rekognition:us-east-1:123456789012:project/logos/*"),
                statement.get("Resource"));
    }

    @Test
    void grantsDescribeProjectsOnEveryResourceWhenAProjectArnMustBeLookedUp() {
        Map<String, Object> statement = statement(template, "rekognition:DescribeProjects");

        assertEquals("rekognition:DescribeProjects", statement.get("Action"));
        assertEquals("*", statement.get("Resource"));
    }

    @Test
    void grantsNoDescribeProjectsWhenEveryProjectArnIsConfigured() {
        Template withProjectArns = TestStacks.template(TestConfigs.defectsOnly());

        assertTrue(statements(withProjectArns).stream()
                .noneMatch(statement -> actions(statement).contains("rekognition:DescribeProjects")));
        assertEquals(List.of(DEFECTS_PROJECT), resources(statement(withProjectArns, "rekognition:DescribeProjectVersions")));
    }

    @Test
    void grantsTheWildcardOnlyToDescribeProjects() {
        for (Map<String, Object> statement : statements(template)) {
            if (resources(statement).contains("*")) {
                assertEquals(List.of("rekognition:DescribeProjects"), actions(statement));
            }
            if (actions(statement).stream().anyMatch(action -> action.startsWith("rekognition:St"))) {
                assertFalse(resources(statement).stream().anyMatch(resource -> resource.contains("*")));
            }
        }
    }

    @Test
    void runsUnderItsOwnRoleWithoutManagedPolicies() {
        Map<String, Object> role = template.findResources("AWS::IAM::Role").get(functionRoleId(template));

        assertEquals(List.of(Map.of(
                "Action", "sts:AssumeRole",
                "Effect", "Allow",
                "Principal", Map.of("Service", "lambda.amazonaws.com"))),
                ((Map<?, ?>) properties(role).get("AssumeRolePolicyDocument")).get("Statement"));
        assertFalse(properties(role).containsKey("ManagedPolicyArns"), role::toString);
    }

    @Test
    void writesLogsOnlyToItsOwnLogGroup() {
        String logGroup = SchedulerFunctionTest.functionLogGroupId();
        Map<String, Object> role = template.findResources("AWS::IAM::Role").get(functionRoleId(template));

        assertFalse(properties(role).containsKey("Policies"), "no inline policy beside the one the CDK splits");
        assertEquals(Map.of(
                        "Sid", "WriteOwnLogGroup",
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", List.of(
                                Map.of("Fn::GetAtt", List.of(logGroup, "Arn")),
                                Map.of("Fn::Join", List.of("", List.of(
                                        "arn:aws:logs:eu-west-1:123456789012:log-group:", Map.of("Ref", logGroup)))))),
                statement(template, "logs:PutLogEvents"));
    }

    @Test
    void stillReportsAWildcardNobodyExplained() {
        SchedulerStack stack = TestStacks.stack(new App(AppProps.builder().context(withoutValidationReport()).build()),
                TestConfigs.example(), TestStacks.REGION);
        stack.schedulerFunction().role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("rekognition:StartProjectVersion"))
                .resources(List.of("arn:aws:rekognition:eu-west-1:123456789012:project/other/*"))
                .build());
        SchedulerApp.checkAwsSolutions(stack);

        assertEquals(1, Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp(
                "AwsSolutions-IAM5\\[Resource::arn:aws:rekognition:eu-west-1:123456789012:project/other/\\*\\].*"))
                .size());
        assertEquals(0, Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp(
                "AwsSolutions-IAM5\\[Resource::arn:aws:rekognition:us-east-1:123456789012:project/logos/\\*\\].*"))
                .size());
    }

    /** cdk.json's flags, except the one that turns a finding into a failed synth, so a test can read findings. */
    static Map<String, Object> withoutValidationReport() {
        Map<String, Object> flags = new HashMap<>(TestStacks.featureFlags());
        flags.remove("@aws-cdk/core:annotationsInValidationReport");
        return flags;
    }

    /** The role the function runs with. */
    static String functionRoleId(Template template) {
        Capture role = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Role", Map.of("Fn::GetAtt",
                List.of(role, "Arn"))));
        return role.asString();
    }

    /** The policy the CDK attaches to the function's role for everything granted after the role was made. */
    private static String functionPolicyId(Template template) {
        return template.getResourceId("AWS::IAM::Policy", Map.of("Properties", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", functionRoleId(template)))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The one statement granting {@code action}: the CDK merges the per-resource statements into it. */
    static Map<String, Object> statement(Template template, String action) {
        List<Map<String, Object>> granting = statements(template).stream()
                .filter(statement -> actions(statement).contains(action))
                .toList();
        assertEquals(1, granting.size(), () -> "statements granting " + action + ": " + granting);
        return granting.get(0);
    }

    /** Every statement of the stack's policies: inline (AWS::IAM::Policy) and managed (split off when large). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.findResources(type).values().forEach(policy -> {
                Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
                Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
                statements.addAll((List<Map<String, Object>>) document.get("Statement"));
            });
        }
        return statements;
    }

    static List<String> actions(Map<String, Object> statement) {
        return strings(statement.get("Action"));
    }

    static List<String> resources(Map<String, Object> statement) {
        return strings(statement.get("Resource"));
    }

    /** Plain strings only: references to resources of the stack are not ARNs written by hand. */
    private static List<String> strings(Object value) {
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
