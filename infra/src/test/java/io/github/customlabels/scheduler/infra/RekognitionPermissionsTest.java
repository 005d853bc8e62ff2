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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    void attachesNoManagedPolicyBeyondBasicExecution() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))),
                "ManagedPolicyArns", List.of(Map.of("Fn::Join", List.of("", List.of(
                        "arn:", Map.of("Ref", "AWS::Partition"),
                        ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))))));
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
