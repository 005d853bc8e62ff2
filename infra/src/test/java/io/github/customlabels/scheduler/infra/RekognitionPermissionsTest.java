package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_PROJECT;
import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.LOGOS_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The function role's Rekognition statements: the configured ARNs and nothing wider than the service forces. */
class RekognitionPermissionsTest {

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void startsAndStopsExactlyTheConfiguredVersions() {
        Map<String, Object> statement = statement(template, "StartStopConfiguredModelVersions");

        assertEquals(List.of("rekognition:StartProjectVersion", "rekognition:StopProjectVersion"),
                statement.get("Action"));
        assertEquals(List.of(DEFECTS_VERSION, LOGOS_VERSION), statement.get("Resource"));
    }

    @Test
    void describesConfiguredProjectsAndTheProjectsOfVersionsWithoutOne() {
        Map<String, Object> statement = statement(template, "DescribeConfiguredProjects");

        assertEquals("rekognition:DescribeProjectVersions", statement.get("Action"));
        assertEquals(List.of(DEFECTS_PROJECT, "arn:aws:rekognition:us-east-1:123456789012:project/logos/*"),
                statement.get("Resource"));
    }

    @Test
    void grantsDescribeProjectsOnEveryResourceWhenAProjectArnMustBeLookedUp() {
        Map<String, Object> statement = statement(template, "FindProjectArnsByName");

        assertEquals("rekognition:DescribeProjects", statement.get("Action"));
        assertEquals("*", statement.get("Resource"));
    }

    @Test
    void grantsNoDescribeProjectsWhenEveryProjectArnIsConfigured() {
        Template withProjectArns = TestStacks.template(TestConfigs.defectsOnly());

        assertTrue(statements(withProjectArns).stream()
                .noneMatch(statement -> actions(statement).contains("rekognition:DescribeProjects")));
        assertEquals(List.of(DEFECTS_PROJECT), resources(statement(withProjectArns, "DescribeConfiguredProjects")));
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

        assertEquals(List.of(Map.of(
                "PolicyName", "WriteOwnLogGroup",
                "PolicyDocument", Map.of(
                        "Version", "2012-10-17",
                        "Statement", List.of(Map.of(
                                "Sid", "WriteOwnLogGroup",
                                "Effect", "Allow",
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                "Resource", List.of(
                                        Map.of("Fn::Join", List.of("", List.of(
                                                "arn:", Map.of("Ref", "AWS::Partition"),
                                                ":logs:eu-west-1:123456789012:log-group:", Map.of("Ref", logGroup)))),
                                        Map.of("Fn::GetAtt", List.of(logGroup, "Arn")))))))),
                properties(role).get("Policies"));
        for (Map<String, Object> statement : statements(template)) {
            assertFalse(actions(statement).stream().anyMatch(action -> action.startsWith("logs:")),
                    statement::toString);
        }
    }

    @Test
    void suppressesOnlyTheWildcardsRekognitionForces() {
        Map<String, Object> suppressions = Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(
                Map.of("id", "AwsSolutions-IAM5",
                        "applies_to", List.of("Resource::arn:aws:rekognition:us-east-1:123456789012:project/logos/*"),
                        "reason", Match.stringLikeRegexp("creation timestamp")),
                Map.of("id", "AwsSolutions-IAM5",
                        "applies_to", List.of("Resource::*"),
                        "reason", Match.stringLikeRegexp("no resource-level permission")))));
        String role = functionRoleId(template);

        assertEquals(Set.of(role), template.findResources("AWS::IAM::Role", Map.of(
                "Metadata", Match.objectLike(suppressions))).keySet());
        assertEquals(Set.of(functionPolicyId(template)), template.findResources("AWS::IAM::Policy", Map.of(
                "Metadata", Match.objectLike(suppressions))).keySet());
    }

    @Test
    void suppressesNothingOnTheRoleWhenEveryProjectArnIsConfigured() {
        Template withProjectArns = TestStacks.template(TestConfigs.defectsOnly());

        Map<String, Object> anySuppression = Map.of("Metadata", Match.objectLike(Map.of("cdk_nag", Match.anyValue())));
        assertEquals(Map.of(), withProjectArns.findResources("AWS::IAM::Policy", anySuppression));
        assertFalse(withProjectArns.findResources("AWS::IAM::Role", anySuppression)
                .containsKey(functionRoleId(withProjectArns)));
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

    static Map<String, Object> statement(Template template, String sid) {
        return statements(template).stream()
                .filter(statement -> sid.equals(statement.get("Sid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements(template)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        });
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        return strings(statement.get("Action"));
    }

    private static List<String> resources(Map<String, Object> statement) {
        return strings(statement.get("Resource"));
    }

    /** Plain strings only: references to resources of the stack are not ARNs written by hand. */
    private static List<String> strings(Object value) {
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
