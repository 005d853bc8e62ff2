package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The REST API: its routes, IAM authorization, validation, throttling and access logs. */
class ModelApiTest {

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void servesTheFourModelRoutes() {
        Set<String> routes = new TreeSet<>();
        template.findResources("AWS::ApiGateway::Method").values()
                .forEach(method -> routes.add(properties(method).get("HttpMethod") + " "
                        + path(properties(method).get("ResourceId"))));

        assertEquals(Set.of("GET /models", "GET /models/{name}", "POST /models/{name}/start",
                "POST /models/{name}/stop"), routes);
    }

    @Test
    void authorizesEveryMethodWithIam() {
        template.resourceCountIs("AWS::ApiGateway::Method", 4);
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "AuthorizationType", "AWS_IAM")));
    }

    @Test
    void proxiesEveryMethodToTheLiveAlias() {
        Capture uri = new Capture();
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "Integration", Match.objectLike(Map.of(
                        "Type", "AWS_PROXY",
                        "IntegrationHttpMethod", "POST",
                        "Uri", uri)))));

        do {
            assertTrue(uri.asObject().toString().contains("{Ref=" + SchedulerFunctionTest.aliasId() + "}"),
                    uri.asObject().toString());
        } while (uri.next());
    }

    @Test
    void letsApiGatewayInvokeOnlyTheAlias() {
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", SchedulerFunctionTest.aliasId()),
                "SourceArn", Match.anyValue()), 4);
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Match.not(Map.of("Ref", SchedulerFunctionTest.aliasId()))), 0);
    }

    @Test
    void validatesStartAndStopBodiesAgainstTheActionSchema() {
        String validator = template.getResourceId("AWS::ApiGateway::RequestValidator", Map.of("Properties",
                Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true, "RestApiId", Match.anyValue())));
        String model = template.getResourceId("AWS::ApiGateway::Model");
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "POST",
                "RequestValidatorId", Map.of("Ref", validator),
                "RequestModels", Map.of("application/json", Map.of("Ref", model)),
                "RequestParameters", Map.of("method.request.path.name", true)), 2);
        template.hasResourceProperties("AWS::ApiGateway::Model", Map.of(
                "ContentType", "application/json",
                "Schema", Match.objectLike(Map.of(
                        "type", "object",
                        "additionalProperties", false,
                        "properties", Map.of(
                                "minInferenceUnits", Map.of("type", "integer", "minimum", 1,
                                        "maximum", 1152921504606846976L),
                                "maxInferenceUnits", Map.of("type", "integer", "minimum", 1,
                                        "maximum", 1152921504606846976L),
                                "dryRun", Map.of("type", "boolean"))))));
    }

    @Test
    void requiresTheModelNameOnModelRoutes() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "RequestParameters", Map.of("method.request.path.name", true),
                "RequestValidatorId", Match.anyValue()), 3);
    }

    @Test
    void throttlesAndLogsTheConfiguredStage() {
        Capture logGroup = new Capture();
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "prod",
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "ThrottlingRateLimit", 5,
                        "ThrottlingBurstLimit", 10)))),
                "AccessLogSetting", Map.of(
                        "DestinationArn", Map.of("Fn::GetAtt", List.of(logGroup, "Arn")),
                        "Format", Match.anyValue())));
        Map<String, Object> accessLogs = template.findResources("AWS::Logs::LogGroup").get(logGroup.asString());
        assertEquals(Map.of("RetentionInDays", 30), accessLogs.get("Properties"));
    }

    @Test
    void takesStageAndThrottlingFromConfiguration() {
        Map<String, Object> context = TestConfigs.example();
        context.put("api", TestConfigs.map("stageName", "v1", "throttlingRateLimit", 2.5,
                "throttlingBurstLimit", 4));

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "v1",
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 2.5,
                        "ThrottlingBurstLimit", 4))))));
    }

    @Test
    void answersNoCorsPreflight() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of("HttpMethod", "OPTIONS"), 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The path of an API resource, from the reference a method holds to it. */
    @SuppressWarnings("unchecked")
    private static String path(Object resourceReference) {
        Map<String, Object> reference = (Map<String, Object>) resourceReference;
        if (reference.containsKey("Fn::GetAtt")) {
            return "";
        }
        String id = (String) reference.get("Ref");
        Map<String, Object> resource = properties(template.findResources("AWS::ApiGateway::Resource").get(id));
        return path(resource.get("ParentId")) + "/" + resource.get("PathPart");
    }
}
