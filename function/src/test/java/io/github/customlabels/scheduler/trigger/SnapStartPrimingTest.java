package io.github.customlabels.scheduler.trigger;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.customlabels.scheduler.trigger.Fixtures.CONFIG;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.trigger.Fixtures.RecordingLog;
import io.github.customlabels.scheduler.verification.CheckSchedules;
import io.github.customlabels.scheduler.verification.StartVerifier;
import io.github.customlabels.scheduler.verification.VerificationClients;
import io.github.customlabels.scheduler.verification.VerificationLog;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** SnapStart priming drives the real paths, sends nothing, leaves nothing behind and never fails the init. */
class SnapStartPrimingTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private RecordingLog log;

    @BeforeEach
    void setUp() {
        rekognition
                .answers("StartProjectVersion", "{\"Status\":\"STARTING\"}")
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}")
                .answers("DescribeProjectVersions", Fixtures.describeVersionsAnswer(LOGOS_ARN, "RUNNING", 1, null));
        log = new RecordingLog();
    }

    @Test
    void primesEveryTriggersPathWithoutSendingARequest() {
        SnapStartPriming priming = new SnapStartPriming(Wiring.of(CONFIG, rekognition.gateway()).withLog(log));

        int stopped = priming.prime();

        // A scheduled start, an API start, an API status, an EventBridge status and a status in logos' region: one
        // request each, not retried. The idle alarm in OK stops nothing, so it sends nothing.
        assertEquals(6, stopped);
        assertEquals(0, rekognition.totalCalls());
        List<String> messages = log.lines.stream().map(l -> text(l, "message")).toList();
        assertEquals(List.of("snapstart priming"), messages, "priming is not traffic: no invocation or metric lines");
        assertEquals("6", text(log.lines.get(0), "requestsStoppedBeforeSending"));
        assertEquals("7", text(log.lines.get(0), "events"));
    }

    @Test
    void primesTheSchedulerClientsPathWithoutSendingItARequest() {
        WireMockServer scheduler = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        scheduler.start();
        try {
            VerificationSettings settings = VerificationSettings.fromEnvironment(Map.of(
                    VerificationSettings.GROUP_VARIABLE, "CustomLabelsScheduler-verifications",
                    VerificationSettings.ROLE_VARIABLE, "arn:aws:iam::123456789012:role/verification",
                    VerificationSettings.ALIAS_VARIABLE, "live")).orElseThrow();
            AtomicInteger built = new AtomicInteger();
            Supplier<SchedulerClient> clients = VerificationClients.scheduler(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-secret")),
                    builder -> {
                        built.incrementAndGet();
                        builder.region(Region.EU_WEST_1).endpointOverride(URI.create(scheduler.baseUrl()));
                    });
            StartVerifier verifier = new StartVerifier(settings, CONFIG.models(), rekognition.gateway(),
                    new CheckSchedules(clients, settings), Optional.empty(), new VerificationLog(log), Clock.systemUTC());
            Wiring wiring = Wiring.of(CONFIG, rekognition.gateway()).withLog(log).withVerifier(verifier);

            int stopped = new SnapStartPriming(wiring).prime();

            // The six of the triggers' paths, then the check's DescribeProjectVersions and its CreateSchedule.
            assertEquals(8, stopped);
            assertEquals(1, built.get(), "the Scheduler client is built during priming, not at the first start");
            assertEquals(0, scheduler.getAllServeEvents().size(), "no request reached Scheduler");
            assertEquals(0, rekognition.totalCalls());
            assertEquals(List.of("snapstart priming"), log.lines.stream().map(l -> text(l, "message")).toList());
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void theFunctionSendsAndAnswersNormallyAfterPriming() {
        Wiring wiring = Wiring.of(CONFIG, rekognition.gateway()).withLog(log);
        new SnapStartPriming(wiring).prime();

        var result = invoke(new SchedulerHandler(wiring), event("direct-start.json"));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(1, rekognition.calls("StartProjectVersion").size());
        assertTrue(rekognition.calls("StartProjectVersion").get(0).getBodyAsString().contains(DEFECTS_ARN));
    }

    @Test
    void leavesNoProjectArnCachedWhenTheFirstModelIsLookedUpByName() {
        // logos first: its statuses (API and EventBridge) need DescribeProjects, which priming stops, so nothing may be
        // cached.
        SchedulerConfig config = SchedulerConfig.parse("{\"models\":{\"logos\":{\"projectVersionArn\":\"" + LOGOS_ARN
                + "\",\"minInferenceUnits\":1}},\"defaultCommand\":{\"action\":\"start\",\"models\":[\"logos\"]}}", "test");
        Wiring wiring = Wiring.of(config, rekognition.gateway()).withLog(log);
        assertEquals(5, new SnapStartPriming(wiring).prime());

        var result = invoke(new SchedulerHandler(wiring), event("direct-status.json"));

        assertEquals("RUNNING", text(result.asObject().get("results").asArray().get(0), "status"));
        assertEquals(1, rekognition.calls("DescribeProjects").size(), "the project ARN is looked up for real");
    }

    @Test
    void survivesMissingCredentialsAndLogsWhatHappened() {
        var gateway = rekognition.gateway(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
        });

        int stopped = new SnapStartPriming(Wiring.of(CONFIG, gateway).withLog(log)).prime();

        // Without credentials nothing can be signed, so nothing reaches the short-circuit, and nothing is sent.
        assertEquals(0, stopped);
        assertEquals(0, rekognition.totalCalls());
        assertEquals(1, log.withMessage("snapstart priming").size());
    }

    @Test
    void primesNothingWhenNoModelIsConfigured() {
        SchedulerConfig none = SchedulerConfig.parse("{\"models\":{}}", "test");

        int stopped = new SnapStartPriming(Wiring.of(none, rekognition.gateway()).withLog(log)).prime();

        assertEquals(0, stopped);
        assertEquals(1, log.withMessage("snapstart priming").size());
    }

    @Test
    void recognisesSnapStartInitByLambdasInitializationType() {
        assertTrue(SnapStartPriming.isSnapStartInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")));
        assertFalse(SnapStartPriming.isSnapStartInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")));
        assertFalse(SnapStartPriming.isSnapStartInit(Map.of()));
    }

    @Test
    void primingEventsAreTheShapesTheHandlerRecognises() {
        List<String> events = SnapStartPriming.events(CONFIG.models(), CONFIG.idleStopAlarms());

        assertEquals(List.of(Trigger.COMMAND, Trigger.COMMAND, Trigger.API_GATEWAY_REST, Trigger.API_GATEWAY_HTTP,
                        Trigger.EVENTBRIDGE, Trigger.CLOUDWATCH_METRIC_ALARM, Trigger.API_GATEWAY_HTTP),
                events.stream().map(e -> Trigger.of(io.github.customlabels.scheduler.contract.json.Json.parse(e))).toList());
        assertTrue(events.get(1).contains("\"list-overrides\""), "the override read every schedule run begins with");
        assertTrue(events.subList(0, 5).stream().allMatch(e -> e.contains("/defects") || e.contains("\"defects\"")),
                "the first configured model");
        assertTrue(events.get(5).contains("\"CustomLabelsScheduler-defects-idle\"") && events.get(5).contains("\"OK\""),
                "the deployment's idle alarm, in a state that stops nothing");
        assertTrue(events.get(6).contains("/models/logos"), "then the first model of each other region");
    }
}
