package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The REST API: routes, IAM authorization, validation, throttling, logs, and the optional resource policy and API key. */
class ModelApiTest {

    private static final String OPERATORS = "arn:aws:iam::123456789012:role/ops/model-operators";
    private static final String PIPELINE_USER = "arn:aws:iam::210987654321:user/training-pipeline";

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void servesTheModelAndOverrideRoutes() {
        Set<String> routes = new TreeSet<>();
        template.findResources("AWS::ApiGateway::Method").values()
                .forEach(method -> routes.add(properties(method).get("HttpMethod") + " "
                        + path(properties(method).get("ResourceId"))));

        assertEquals(Set.of("GET /models", "GET /models/{name}", "POST /models/{name}/start",
                "POST /models/{name}/stop", "PUT /models/{name}/override", "DELETE /models/{name}/override",
                "GET /overrides"), routes);
    }

    @Test
    void authorizesEveryMethodWithIam() {
        template.resourceCountIs("AWS::ApiGateway::Method", 7);
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "AuthorizationType", "AWS_IAM")));
    }

    @Test
    void proxiesEveryMethodToTheLiveAlias() {
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "Integration", Match.objectLike(Map.of(
                        "Type", "AWS_PROXY",
                        "IntegrationHttpMethod", "POST",
                        "Uri", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                Map.of("Ref", SchedulerFunctionTest.aliasId()))))))))));
    }

    @Test
    void letsApiGatewayInvokeOnlyTheAlias() {
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", SchedulerFunctionTest.aliasId()),
                "SourceArn", Match.anyValue()), 7);
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Match.not(Map.of("Ref", SchedulerFunctionTest.aliasId()))), 0);
    }

    @Test
    void validatesAStartBodyAgainstTheActionSchema() {
        String validator = bodyValidator();
        String model = template.getResourceId("AWS::ApiGateway::Model", Map.of("Properties",
                Match.objectLike(Map.of("Name", "ModelActionRequest"))));
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "POST",
                "RequestValidatorId", Map.of("Ref", validator),
                "RequestModels", Map.of("application/json", Map.of("Ref", model)),
                "RequestParameters", Map.of("method.request.path.name", true)), 1);
        template.hasResourceProperties("AWS::ApiGateway::Model", Map.of(
                "ContentType", "application/json",
                "Name", "ModelActionRequest",
                "Schema", Match.objectLike(Map.of(
                        "type", "object",
                        "additionalProperties", false,
                        "properties", Map.of(
                                "minInferenceUnits", Map.of("type", "integer", "minimum", 1,
                                        "maximum", InferenceUnits.MAX),
                                "maxInferenceUnits", Map.of("type", "integer", "minimum", 1,
                                        "maximum", InferenceUnits.MAX),
                                "dryRun", Map.of("type", "boolean"))))));
    }

    @Test
    void validatesAStopBodyAsADryRunFlagOnly() {
        // A stop takes no units: the function refuses them, and so does API Gateway, by the same route table.
        String model = template.getResourceId("AWS::ApiGateway::Model", Map.of("Properties",
                Match.objectLike(Map.of("Name", "StopRequest"))));
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "POST",
                "RequestValidatorId", Map.of("Ref", bodyValidator()),
                "RequestModels", Map.of("application/json", Map.of("Ref", model)),
                "RequestParameters", Map.of("method.request.path.name", true)), 1);
        template.hasResourceProperties("AWS::ApiGateway::Model", Map.of(
                "Name", "StopRequest",
                "Schema", Match.objectLike(Map.of(
                        "additionalProperties", false,
                        "properties", Map.of("dryRun", Map.of("type", "boolean"))))));
    }

    @Test
    void everyRouteOfTheContractIsAMethodWithTheBodyItTakes() {
        for (Route route : Route.values()) {
            String resource = template.findResources("AWS::ApiGateway::Method").entrySet().stream()
                    .filter(method -> route.method().equals(properties(method.getValue()).get("HttpMethod"))
                            && route.path().equals(path(properties(method.getValue()).get("ResourceId"))))
                    .map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("no method for " + route));
            Map<String, Object> method = properties(template.findResources("AWS::ApiGateway::Method").get(resource));
            if (route.bodySchema().isEmpty()) {
                assertFalse(method.containsKey("RequestModels"), route + " validates a body it does not take");
                continue;
            }
            String model = template.getResourceId("AWS::ApiGateway::Model", Map.of("Properties",
                    Match.objectLike(Map.of("Name", route.bodySchema().get()))));
            assertEquals(Map.of("application/json", Map.of("Ref", model)), method.get("RequestModels"), route.name());
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = (Map<String, Object>) properties(
                    template.findResources("AWS::ApiGateway::Model").get(model)).get("Schema");
            @SuppressWarnings("unchecked")
            Set<String> fields = ((Map<String, Object>) schema.get("properties")).keySet();
            assertEquals(route.bodyFields(), fields, route.name());
        }
    }

    private static String bodyValidator() {
        return template.getResourceId("AWS::ApiGateway::RequestValidator", Map.of("Properties",
                Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true, "RestApiId", Match.anyValue())));
    }

    @Test
    void requiresTheModelNameOnModelRoutes() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "RequestParameters", Map.of("method.request.path.name", true),
                "RequestValidatorId", Match.anyValue()), 5);
    }

    @Test
    void validatesAnOverrideBodyAsOneOrTwoTimesWithAnOffset() {
        String validator = template.getResourceId("AWS::ApiGateway::RequestValidator", Map.of("Properties",
                Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true, "RestApiId", Match.anyValue())));
        String model = template.getResourceId("AWS::ApiGateway::Model", Map.of("Properties",
                Match.objectLike(Map.of("Name", "OverrideRequest"))));
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "PUT",
                "AuthorizationType", "AWS_IAM",
                "RequestValidatorId", Map.of("Ref", validator),
                "RequestModels", Map.of("application/json", Map.of("Ref", model)),
                "RequestParameters", Map.of("method.request.path.name", true)), 1);
        Map<String, Object> time = Map.of("type", "string", "pattern", CommandShape.OFFSET_DATE_TIME);
        template.hasResourceProperties("AWS::ApiGateway::Model", Map.of(
                "Name", "OverrideRequest",
                "Schema", Match.objectLike(Map.of(
                        "type", "object",
                        "minProperties", 1,
                        "additionalProperties", false,
                        "properties", Map.of("keepRunningUntil", time, "skipStartsUntil", time,
                                "dryRun", Map.of("type", "boolean"))))));
        assertTrue(java.util.regex.Pattern.matches(CommandShape.OFFSET_DATE_TIME, "2026-12-01T22:00:00+01:00"));
        assertFalse(java.util.regex.Pattern.matches(CommandShape.OFFSET_DATE_TIME, "2026-12-01T22:00:00"));
    }

    @Test
    void cancelsWithDeleteValidatingOnlyThePath() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "DELETE",
                "AuthorizationType", "AWS_IAM",
                "RequestValidatorId", Match.anyValue(),
                "RequestParameters", Map.of("method.request.path.name", true),
                "RequestModels", Match.absent()), 1);
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
    void logsExecutionAtInfoWithoutRequestOrResponseData() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "LoggingLevel", "INFO",
                        "DataTraceEnabled", false,
                        "MetricsEnabled", true)))));
    }

    @Test
    void keepsExecutionLogsInAGroupWithRetentionMadeBeforeTheStage() {
        String executionLogs = template.getResourceId("AWS::Logs::LogGroup", Map.of("Properties", Map.of(
                "LogGroupName", Map.of("Fn::Join", List.of("", List.of(
                        "API-Gateway-Execution-Logs_", Map.of("Ref", restApiId()), "/prod"))),
                "RetentionInDays", 30)));

        template.hasResource("AWS::ApiGateway::Stage", Map.of(
                "DependsOn", Match.arrayWith(List.of(executionLogs))));
    }

    @Test
    void setsTheAccountsCloudWatchRoleThatExecutionLogsNeed() {
        Capture role = new Capture();
        template.hasResourceProperties("AWS::ApiGateway::Account", Map.of(
                "CloudWatchRoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn"))));
        Map<String, Object> cloudWatchRole = template.findResources("AWS::IAM::Role").get(role.asString());

        assertEquals("Retain", cloudWatchRole.get("DeletionPolicy"));
        assertEquals(List.of(Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")))),
                properties(cloudWatchRole).get("ManagedPolicyArns"));
        assertEquals(List.of(Map.of(
                        "id", "AwsSolutions-IAM4",
                        "applies_to", List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"),
                        "reason", cloudWatchRoleSuppressionReason(cloudWatchRole))),
                nagSuppressions(cloudWatchRole));
    }

    @Test
    void explainsWhyMethodsUseIamInsteadOfCognito() {
        template.findResources("AWS::ApiGateway::Method").values().forEach(method -> assertEquals(
                List.of("AwsSolutions-COG4"), nagSuppressions(method).stream().map(rule -> rule.get("id")).toList()));
        template.allResources("AWS::ApiGateway::Method", Match.objectLike(Map.of("Metadata", Match.objectLike(Map.of(
                "cdk_nag", Map.of("rules_to_suppress", List.of(Map.of(
                        "id", "AwsSolutions-COG4",
                        "reason", Match.stringLikeRegexp("^IAM \\(SigV4\\) authorization instead of Cognito")))))))));
    }

    @Test
    void explainsWhyTheStageHasNoWaf() {
        template.hasResource("AWS::ApiGateway::Stage", Map.of("Metadata", Match.objectLike(Map.of(
                "cdk_nag", Map.of("rules_to_suppress", List.of(Map.of(
                        "id", "AwsSolutions-APIG3",
                        "reason", Match.stringLikeRegexp("IAM-authorized, throttled, low-rate admin API"))))))));
    }

    @Test
    void hasNoResourcePolicyUnlessPrincipalsAreConfigured() {
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Policy", Match.absent()));
    }

    @Test
    void letsOnlyTheConfiguredPrincipalsInvoke() {
        Template locked = TestStacks.template(withApi(TestConfigs.map("allowedPrincipals", TestConfigs.list(
                OPERATORS, PIPELINE_USER))));

        locked.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Policy", Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(
                        Map.of("Sid", "AllowConfiguredPrincipals",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", List.of(OPERATORS, PIPELINE_USER)),
                                "Action", "execute-api:Invoke",
                                "Resource", "execute-api:/*"),
                        Map.of("Sid", "DenyEveryoneElse",
                                "Effect", "Deny",
                                "Principal", Map.of("AWS", "*"),
                                "Action", "execute-api:Invoke",
                                "Resource", "execute-api:/*",
                                "Condition", Map.of("ArnNotEquals", Map.of(
                                        "aws:PrincipalArn", List.of(OPERATORS, PIPELINE_USER))))))));
        locked.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "AuthorizationType", "AWS_IAM")));
    }

    @Test
    void deploysAgainWhenTheAllowedPrincipalsChange() {
        String open = template.getResourceId("AWS::ApiGateway::Deployment");
        String locked = TestStacks.template(withApi(TestConfigs.map("allowedPrincipals", TestConfigs.list(OPERATORS))))
                .getResourceId("AWS::ApiGateway::Deployment");
        String lockedToOthers = TestStacks.template(withApi(TestConfigs.map("allowedPrincipals",
                TestConfigs.list(PIPELINE_USER)))).getResourceId("AWS::ApiGateway::Deployment");

        assertEquals(3, Set.of(open, locked, lockedToOthers).size());
    }

    @Test
    void requiresNoApiKeyByDefault() {
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "ApiKeyRequired", false)));
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 0);
        template.resourceCountIs("AWS::ApiGateway::ApiKey", 0);
    }

    @Test
    void requiresAnApiKeyBesidesIamUnderAUsagePlanWithTheStageThrottling() {
        Template keyed = TestStacks.template(withApi(TestConfigs.map("apiKeyRequired", true,
                "throttlingRateLimit", 2, "throttlingBurstLimit", 3)));

        keyed.resourceCountIs("AWS::ApiGateway::Method", 7);
        keyed.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "AuthorizationType", "AWS_IAM",
                "ApiKeyRequired", true)));
        String stage = keyed.getResourceId("AWS::ApiGateway::Stage");
        String plan = keyed.getResourceId("AWS::ApiGateway::UsagePlan", Map.of("Properties", Match.objectLike(Map.of(
                "Throttle", Map.of("RateLimit", 2, "BurstLimit", 3),
                "ApiStages", List.of(Map.of("ApiId", Map.of("Ref", keyedRestApiId(keyed)),
                        "Stage", Map.of("Ref", stage)))))));
        String key = keyed.getResourceId("AWS::ApiGateway::ApiKey", Map.of("Properties", Match.objectLike(Map.of(
                "Enabled", true))));
        keyed.hasResourceProperties("AWS::ApiGateway::UsagePlanKey", Map.of(
                "KeyId", Map.of("Ref", key),
                "KeyType", "API_KEY",
                "UsagePlanId", Map.of("Ref", plan)));
        keyed.hasOutput("ApiKeyId", Map.of("Value", Map.of("Ref", key)));
    }

    @Test
    void answersNoCorsPreflight() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of("HttpMethod", "OPTIONS"), 0);
    }

    private static String restApiId() {
        return keyedRestApiId(template);
    }

    private static String keyedRestApiId(Template template) {
        return template.getResourceId("AWS::ApiGateway::RestApi");
    }

    private static Map<String, Object> withApi(Map<String, Object> api) {
        Map<String, Object> context = TestConfigs.example();
        context.put("api", api);
        return context;
    }

    /** The reason is asserted by what it must mention; its wording is free. */
    private static Object cloudWatchRoleSuppressionReason(Map<String, Object> role) {
        Object reason = nagSuppressions(role).get(0).get("reason");
        assertTrue(reason.toString().contains("account"), reason.toString());
        return reason;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nagSuppressions(Map<String, Object> resource) {
        Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
        Map<String, Object> nag = (Map<String, Object>) metadata.get("cdk_nag");
        return nag == null ? List.of() : (List<Map<String, Object>>) nag.get("rules_to_suppress");
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
