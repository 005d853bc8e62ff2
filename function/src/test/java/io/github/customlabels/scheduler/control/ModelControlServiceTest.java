package io.github.customlabels.scheduler.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.control.ModelResult.Done;
import io.github.customlabels.scheduler.control.ModelResult.Failed;
import io.github.customlabels.scheduler.control.ModelResult.Planned;
import io.github.customlabels.scheduler.control.ModelResult.Refused;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsResponse;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rekognition.model.ProjectDescription;
import software.amazon.awssdk.services.rekognition.model.ProjectVersionDescription;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceInUseException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionRequest;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionResponse;
import software.amazon.awssdk.services.rekognition.model.StopProjectVersionRequest;
import software.amazon.awssdk.services.rekognition.model.StopProjectVersionResponse;
import software.amazon.awssdk.services.rekognition.model.TagResourceRequest;
import software.amazon.awssdk.services.rekognition.model.TagResourceResponse;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;
import software.amazon.awssdk.services.rekognition.model.UntagResourceRequest;
import software.amazon.awssdk.services.rekognition.model.UntagResourceResponse;

/** The model-control rules against a mocked {@link RekognitionClient}: what is sent, and what each answer means. */
@ExtendWith(MockitoExtension.class)
class ModelControlServiceTest {

    private static final String DEFECTS_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    private static final String DEFECTS_PROJECT = "arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000";
    private static final String LOGOS_ARN =
            "arn:aws:rekognition:us-east-1:123456789012:project/logos/version/logos.2026-10-15/1760486400000";
    private static final String LOGOS_PROJECT = "arn:aws:rekognition:us-east-1:123456789012:project/logos/1760400000000";

    @Mock
    RekognitionClient euWest1;
    @Mock
    RekognitionClient usEast1;

    private final List<Region> clientsBuilt = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private ModelControlService service;

    @BeforeEach
    void setUp() {
        ModelCatalog catalog = new ModelCatalog(List.of(
                new ModelConfig("defects", arn(DEFECTS_ARN), Optional.of(DEFECTS_PROJECT), 1, 2L, 4),
                new ModelConfig("logos", arn(LOGOS_ARN), Optional.empty(), 1, null, 3)));
        RekognitionGateway gateway = new RekognitionGateway(region -> {
            clientsBuilt.add(region);
            return region.equals(Region.US_EAST_1) ? usEast1 : euWest1;
        });
        service = new ModelControlService(catalog, gateway, pauses::add);
        // No model carries an override unless a test tags it.
        lenient().when(euWest1.listTagsForResource(any(ListTagsForResourceRequest.class)))
                .thenReturn(ListTagsForResourceResponse.builder().build());
        lenient().when(usEast1.listTagsForResource(any(ListTagsForResourceRequest.class)))
                .thenReturn(ListTagsForResourceResponse.builder().build());
    }

    @Test
    void startsWithTheConfiguredUnitsAndMaxUnitsForAutoScaling() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        ModelResult result = run(Action.START, "defects");

        StartProjectVersionRequest sent = captureStart(euWest1);
        assertEquals(DEFECTS_ARN, sent.projectVersionArn());
        assertEquals(1, sent.minInferenceUnits());
        assertEquals(2, sent.maxInferenceUnits());
        assertEquals(Outcome.STARTED, result.outcome());
        assertEquals("STARTING", ((Done) result).state().status());
    }

    @Test
    void leavesMaxInferenceUnitsOutWhenNeitherCommandNorModelGivesIt() {
        when(usEast1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        run(Action.START, "logos");

        StartProjectVersionRequest sent = captureStart(usEast1);
        assertEquals(1, sent.minInferenceUnits());
        assertNull(sent.maxInferenceUnits(), "absent, not 0 or 1: no auto-scaling");
    }

    @Test
    void startsWithTheUnitsTheCommandAsksFor() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        execute(CommandRequest.forModel(Action.START, "defects", 3L, 4L, false));

        StartProjectVersionRequest sent = captureStart(euWest1);
        assertEquals(3, sent.minInferenceUnits());
        assertEquals(4, sent.maxInferenceUnits());
    }

    @Test
    void callsEachModelInTheRegionOfItsArnWithOneClientPerRegionReused() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());
        when(usEast1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        execute(CommandRequest.forModels(Action.START, List.of("logos", "defects")));
        execute(CommandRequest.forModels(Action.START, List.of("logos", "defects")));

        assertEquals(LOGOS_ARN, captureStart(usEast1, 2).projectVersionArn());
        assertEquals(DEFECTS_ARN, captureStart(euWest1, 2).projectVersionArn());
        assertEquals(List.of("eu-west-1", "us-east-1"), clientsBuilt.stream().map(Region::id).sorted().toList(),
                "each region's client is built once");
    }

    @Test
    void oneFailingModelAmongSeveralIsReportedWhileTheOthersStart() {
        when(usEast1.startProjectVersion(any(StartProjectVersionRequest.class)))
                .thenThrow(serviceError(LimitExceededException.builder(), "LimitExceededException", 400));
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        CommandResult result = execute(CommandRequest.forModels(Action.START, List.of("logos", "defects")));

        assertEquals(List.of("logos"), result.failedModels());
        Failed logos = assertInstanceOf(Failed.class, result.results().get(0));
        assertEquals(Kind.LIMIT_EXCEEDED, logos.error().kind());
        assertEquals("LimitExceededException", logos.error().errorCode());
        assertEquals(Outcome.STARTED, result.results().get(1).outcome());
    }

    static Stream<Arguments> modeledErrors() {
        return Stream.of(
                Arguments.of(serviceError(AccessDeniedException.builder(), "AccessDeniedException", 400), Kind.ACCESS_DENIED),
                Arguments.of(serviceError(InvalidParameterException.builder(), "InvalidParameterException", 400),
                        Kind.INVALID_PARAMETER),
                Arguments.of(serviceError(LimitExceededException.builder(), "LimitExceededException", 400),
                        Kind.LIMIT_EXCEEDED),
                Arguments.of(serviceError(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400),
                        Kind.RESOURCE_NOT_FOUND),
                Arguments.of(serviceError(ThrottlingException.builder(), "ThrottlingException", 500), Kind.THROTTLED),
                Arguments.of(serviceError(ProvisionedThroughputExceededException.builder(),
                        "ProvisionedThroughputExceededException", 400), Kind.THROTTLED),
                Arguments.of(serviceError(InternalServerErrorException.builder(), "InternalServerErrorException", 500),
                        Kind.SERVICE_ERROR),
                Arguments.of(serviceError(RekognitionException.builder(), "ServiceUnavailable", 503), Kind.SERVICE_ERROR),
                Arguments.of(serviceError(RekognitionException.builder(), "UnrecognizedClientException", 400), Kind.IDENTITY),
                Arguments.of(serviceError(RekognitionException.builder(), "ExpiredTokenException", 400), Kind.IDENTITY),
                Arguments.of(serviceError(RekognitionException.builder(), "InvalidSignatureException", 400), Kind.IDENTITY),
                Arguments.of(serviceError(RekognitionException.builder(), "IncompleteSignature", 400), Kind.IDENTITY),
                Arguments.of(serviceError(RekognitionException.builder(), "MissingAuthenticationToken", 403), Kind.IDENTITY),
                Arguments.of(serviceError(RekognitionException.builder(), "SomethingNewException", 400), Kind.REJECTED),
                Arguments.of(ApiCallTimeoutException.create(2_000), Kind.UNAVAILABLE),
                Arguments.of(ApiCallAttemptTimeoutException.create(2_000), Kind.UNAVAILABLE),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Connection refused",
                        new java.net.ConnectException("Connection refused")), Kind.UNAVAILABLE),
                Arguments.of(SdkClientException.create("Unable to marshall request"), Kind.CLIENT_FAULT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("modeledErrors")
    void eachFailureIsClassifiedByWhatItMeans(SdkException thrown, Kind expected) {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(thrown);

        Failed failed = assertInstanceOf(Failed.class, run(Action.START, "defects"));

        assertEquals(expected, failed.error().kind());
        verify(euWest1, never()).describeProjectVersions(any(DescribeProjectVersionsRequest.class));
    }

    @Test
    void aServiceErrorCarriesRekognitionsCodeRequestIdAndMessage() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class)))
                .thenThrow(serviceError(AccessDeniedException.builder(), "AccessDeniedException", 400));

        Failed failed = assertInstanceOf(Failed.class, run(Action.START, "defects"));

        assertEquals("AccessDeniedException", failed.error().errorCode());
        assertEquals("req-AccessDeniedException", failed.error().requestId());
        assertEquals("message of AccessDeniedException", failed.error().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"STARTING", "RUNNING"})
    void startingAStartingOrRunningModelIsAlreadyRunning(String status) {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, status, 1, 2));

        Done done = assertInstanceOf(Done.class, run(Action.START, "defects"));

        assertEquals(Outcome.ALREADY_RUNNING, done.outcome());
        assertEquals(status, done.state().status());
        assertNull(done.note(), "running with the units asked");
        DescribeProjectVersionsRequest asked = captureDescribe(euWest1, 1);
        assertEquals(DEFECTS_PROJECT, asked.projectArn());
        assertEquals(List.of("defects.2026-11-01"), asked.versionNames());
    }

    @Test
    void aRunningModelWithOtherUnitsSaysSo() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "RUNNING", 2, 3));

        Done done = assertInstanceOf(Done.class, run(Action.START, "defects"));

        assertTrue(done.note().contains("running with 2..3 inference units, not the 1..2 asked"), done.note());
    }

    @Test
    void aStartThatMeetsAModelFinishingItsStopIsTriedAgainAfterAShortWait() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class)))
                .thenThrow(inUse()).thenThrow(inUse()).thenReturn(starting());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "STOPPING", 1, 2), described(DEFECTS_ARN, "STOPPED", 1, 2));

        ModelResult result = run(Action.START, "defects");

        assertEquals(Outcome.STARTED, result.outcome());
        verify(euWest1, times(3)).startProjectVersion(any(StartProjectVersionRequest.class));
        assertEquals(List.of(ModelControlService.START_RETRY_WAIT, ModelControlService.START_RETRY_WAIT), pauses);
    }

    @Test
    void aStartStillRefusedAfterItsTriesReportsTheStateWith409Semantics() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "STOPPED", 1, 2));

        Refused refused = assertInstanceOf(Refused.class, run(Action.START, "defects"));

        assertEquals("STOPPED", refused.state().status());
        verify(euWest1, times(ModelControlService.START_RETRIES_AFTER_A_STOP + 1))
                .startProjectVersion(any(StartProjectVersionRequest.class));
        assertEquals(ModelControlService.START_RETRIES_AFTER_A_STOP, pauses.size());
    }

    @Test
    void aStartIsNotTriedAgainWhenTheWaitWouldNotFitTheDeadline() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "STOPPING", 1, 2));

        Command command = service.validate(CommandRequest.forModels(Action.START, List.of("defects")));
        ModelResult result = service.execute(command, Deadline.in(Duration.ofMillis(2_500))).results().get(0);

        Refused refused = assertInstanceOf(Refused.class, result);
        assertTrue(refused.reason().contains("STOPPING"), refused.reason());
        verify(euWest1, times(1)).startProjectVersion(any(StartProjectVersionRequest.class));
        assertEquals(List.of(), pauses);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRAINING_IN_PROGRESS", "FAILED", "DELETING"})
    void startingAModelThatCannotStartIsRefusedWithoutRetrying(String status) {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, status, 1, 2));

        Refused refused = assertInstanceOf(Refused.class, run(Action.START, "defects"));

        assertTrue(refused.reason().contains(status), refused.reason());
        verify(euWest1, times(1)).startProjectVersion(any(StartProjectVersionRequest.class));
    }

    @Test
    void stopsTheModelVersionItNames() {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class)))
                .thenReturn(StopProjectVersionResponse.builder().status("STOPPING").build());

        Done done = assertInstanceOf(Done.class, run(Action.STOP, "defects"));

        ArgumentCaptor<StopProjectVersionRequest> sent = ArgumentCaptor.forClass(StopProjectVersionRequest.class);
        verify(euWest1).stopProjectVersion(sent.capture());
        assertEquals(DEFECTS_ARN, sent.getValue().projectVersionArn());
        assertEquals(Outcome.STOPPED, done.outcome());
        assertEquals("STOPPING", done.state().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOPPED", "STOPPING"})
    void stoppingAStoppedOrStoppingModelIsAlreadyStopped(String status) {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, status, 1, null));

        assertEquals(Outcome.ALREADY_STOPPED, run(Action.STOP, "defects").outcome());
    }

    static Stream<Arguments> statesThatBillNothing() {
        return Stream.of("TRAINING_COMPLETED", "TRAINING_FAILED", "FAILED", "EXPIRED", "DEPRECATED",
                        "COPYING_COMPLETED", "COPYING_FAILED", "DELETING", "HIBERNATING")
                .flatMap(status -> Stream.of(
                        Arguments.of(status, serviceError(ResourceInUseException.builder(), "ResourceInUseException", 400)),
                        Arguments.of(status, serviceError(InvalidParameterException.builder(), "InvalidParameterException",
                                400))));
    }

    @ParameterizedTest(name = "{0}, stop answered {1}")
    @MethodSource("statesThatBillNothing")
    void stoppingAModelThatIsNotRunningIsSuccessWhateverTheStopAnswered(String status, SdkException answer) {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class))).thenThrow(answer);
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, status, 1, null));

        CommandResult result = execute(CommandRequest.forModels(Action.STOP, List.of("defects")));

        assertTrue(result.succeeded(), "a stop with nothing to stop never fails the invocation");
        Done done = assertInstanceOf(Done.class, result.results().get(0));
        assertEquals(Outcome.NOT_RUNNING, done.outcome());
        assertEquals(status, done.state().status());
        verify(euWest1, times(1)).stopProjectVersion(any(StopProjectVersionRequest.class));
    }

    @Test
    void stoppingATrainingModelIsRefusedWithItsState() {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "TRAINING_IN_PROGRESS", 1, null));

        Refused refused = assertInstanceOf(Refused.class, run(Action.STOP, "defects"));

        assertEquals("TRAINING_IN_PROGRESS", refused.state().status());
        assertTrue(refused.reason().contains("training"), refused.reason());
    }

    @Test
    void stoppingAStartingModelIsRefusedUntilItIsRunning() {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "STARTING", 1, null));

        Refused refused = assertInstanceOf(Refused.class, run(Action.STOP, "defects"));

        assertTrue(refused.reason().contains("until it is RUNNING"), refused.reason());
    }

    @Test
    void aStopRefusedWhileTheModelRunsIsRekognitionsErrorNotASuccess() {
        when(euWest1.stopProjectVersion(any(StopProjectVersionRequest.class)))
                .thenThrow(serviceError(InvalidParameterException.builder(), "InvalidParameterException", 400));
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(DEFECTS_ARN, "RUNNING", 1, null));

        Failed failed = assertInstanceOf(Failed.class, run(Action.STOP, "defects"));

        assertEquals(Kind.INVALID_PARAMETER, failed.error().kind());
    }

    @Test
    void aStatusLookupThatFailsAfterResourceInUseReportsTheLookupFailure() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenThrow(inUse());
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenThrow(serviceError(AccessDeniedException.builder(), "AccessDeniedException", 400));

        Failed failed = assertInstanceOf(Failed.class, run(Action.START, "defects"));

        assertEquals(Kind.ACCESS_DENIED, failed.error().kind());
    }

    @Test
    void findsAProjectArnByNameOnceAndCachesIt() {
        when(usEast1.describeProjects(any(DescribeProjectsRequest.class))).thenReturn(DescribeProjectsResponse.builder()
                .projectDescriptions(ProjectDescription.builder().projectArn(LOGOS_PROJECT).build()).build());
        when(usEast1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(described(LOGOS_ARN, "RUNNING", 1, null));

        run(Action.STATUS, "logos");
        ModelResult.Reported done = assertInstanceOf(ModelResult.Reported.class, run(Action.STATUS, "logos"));

        ArgumentCaptor<DescribeProjectsRequest> lookup = ArgumentCaptor.forClass(DescribeProjectsRequest.class);
        verify(usEast1, times(1)).describeProjects(lookup.capture());
        assertEquals(List.of("logos"), lookup.getValue().projectNames());
        assertEquals(LOGOS_PROJECT, captureDescribe(usEast1, 2).projectArn());
        assertEquals(Outcome.REPORTED, done.outcome());
        assertEquals("RUNNING", done.state().status());
    }

    @Test
    void followsPagesUntilTheVersionIsFound() {
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class))).thenReturn(
                DescribeProjectVersionsResponse.builder().nextToken("page-2").build(),
                described(DEFECTS_ARN, "RUNNING", 1, 2));

        ModelResult.Reported done = assertInstanceOf(ModelResult.Reported.class, run(Action.STATUS, "defects"));

        assertEquals("RUNNING", done.state().status());
        assertEquals("page-2", captureDescribe(euWest1, 2).nextToken());
    }

    @Test
    void aServiceThatRepeatsAPageTokenEndsTheListingInsteadOfLooping() {
        when(euWest1.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenReturn(DescribeProjectVersionsResponse.builder().nextToken("same").build());

        Failed failed = assertInstanceOf(Failed.class, run(Action.STATUS, "defects"));

        assertEquals("RepeatedNextToken", failed.error().errorCode());
        verify(euWest1, times(2)).describeProjectVersions(any(DescribeProjectVersionsRequest.class));
    }

    @Test
    void eachCallIsBoundedByTheDeadlineLessTheMarginToAnswer() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        Command command = service.validate(CommandRequest.forModels(Action.START, List.of("defects")));
        service.execute(command, Deadline.in(Duration.ofSeconds(5)));

        var override = captureStart(euWest1).overrideConfiguration().orElseThrow();
        Duration call = override.apiCallTimeout().orElseThrow();
        assertTrue(call.compareTo(Duration.ofMillis(4_700)) <= 0 && call.compareTo(Duration.ofMillis(4_000)) > 0,
                "whole call: " + call);
        assertEquals(call, override.apiCallAttemptTimeout().orElseThrow(), "one attempt never outlasts the call");
    }

    @Test
    void noTimeLeftMeansNoCall() {
        Command command = service.validate(CommandRequest.forModels(Action.START, List.of("defects")));

        Failed failed = assertInstanceOf(Failed.class,
                service.execute(command, Deadline.in(Duration.ofMillis(100))).results().get(0));

        assertEquals(Kind.UNAVAILABLE, failed.error().kind());
        verifyNoInteractions(euWest1);
    }

    @Test
    void dryRunSendsNothingAndReportsTheRequestItWouldSend() {
        CommandResult result = execute(CommandRequest.forModel(Action.START, "defects", 2L, 4L, true));

        Planned planned = assertInstanceOf(Planned.class, result.results().get(0));
        StartProjectVersionRequest request = assertInstanceOf(StartProjectVersionRequest.class, planned.sdkRequest());
        assertEquals(DEFECTS_ARN, request.projectVersionArn());
        assertEquals("StartProjectVersion", planned.operation());
        assertEquals("eu-west-1", planned.region());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ProjectVersionArn", DEFECTS_ARN);
        fields.put("MinInferenceUnits", 2);
        fields.put("MaxInferenceUnits", 4);
        assertEquals(fields, planned.request());
        verifyNoInteractions(euWest1, usEast1);
    }

    @Test
    void aDryRunStatusOfAModelWithoutProjectArnPlansTheProjectLookup() {
        Planned planned = assertInstanceOf(Planned.class,
                execute(CommandRequest.forModel(Action.STATUS, "logos", null, null, true)).results().get(0));

        assertEquals("DescribeProjects", planned.operation());
        assertEquals(Map.of("ProjectNames", List.of("logos")), planned.request());
        assertSame(planned.sdkRequest().getClass(), DescribeProjectsRequest.class);
        verifyNoInteractions(euWest1, usEast1);
    }

    private ModelResult run(Action action, String model) {
        return execute(CommandRequest.forModels(action, List.of(model))).results().get(0);
    }

    private CommandResult execute(CommandRequest request) {
        return service.execute(service.validate(request), Deadline.in(Duration.ofSeconds(20)));
    }

    private static StartProjectVersionRequest captureStart(RekognitionClient client) {
        return captureStart(client, 1);
    }

    private static StartProjectVersionRequest captureStart(RekognitionClient client, int calls) {
        ArgumentCaptor<StartProjectVersionRequest> sent = ArgumentCaptor.forClass(StartProjectVersionRequest.class);
        verify(client, times(calls)).startProjectVersion(sent.capture());
        return sent.getValue();
    }

    private static DescribeProjectVersionsRequest captureDescribe(RekognitionClient client, int calls) {
        ArgumentCaptor<DescribeProjectVersionsRequest> sent = ArgumentCaptor.forClass(DescribeProjectVersionsRequest.class);
        verify(client, times(calls)).describeProjectVersions(sent.capture());
        return sent.getValue();
    }

    private static ProjectVersionArn arn(String value) {
        return ProjectVersionArn.parse(value).orElseThrow();
    }

    private static StartProjectVersionResponse starting() {
        return StartProjectVersionResponse.builder().status("STARTING").build();
    }

    private static DescribeProjectVersionsResponse described(String arn, String status, int min, Integer max) {
        return DescribeProjectVersionsResponse.builder().projectVersionDescriptions(ProjectVersionDescription.builder()
                .projectVersionArn(arn).status(status).statusMessage("The model is " + status)
                .minInferenceUnits(min).maxInferenceUnits(max).build()).build();
    }

    private static AwsServiceException inUse() {
        return serviceError(ResourceInUseException.builder(), "ResourceInUseException", 400);
    }

    /** A modeled exception as the SDK's unmarshaller builds it from Rekognition's answer. */
    private static AwsServiceException serviceError(AwsServiceException.Builder builder, String code, int status) {
        return builder.statusCode(status).requestId("req-" + code).message("message of " + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .build();
    }

    @Test
    void setsAnOverrideWithOneTagResourceAndUntagsTheEndNotGiven() {
        ModelControlService tuesday = onTuesdayMorning();
        Command command = tuesday.validate(overrideRequest("2026-12-01T21:00:00Z", null));

        ModelResult result = tuesday.execute(command, Deadline.in(Duration.ofSeconds(30))).results().get(0);

        ArgumentCaptor<TagResourceRequest> tag = ArgumentCaptor.forClass(TagResourceRequest.class);
        verify(euWest1).tagResource(tag.capture());
        assertEquals(DEFECTS_ARN, tag.getValue().resourceArn());
        assertEquals(Map.of(ModelOverride.KEEP_RUNNING_TAG, "2026-12-01T21:00:00Z"), tag.getValue().tags());
        ArgumentCaptor<UntagResourceRequest> untag = ArgumentCaptor.forClass(UntagResourceRequest.class);
        verify(euWest1).untagResource(untag.capture());
        assertEquals(List.of(ModelOverride.SKIP_STARTS_TAG), untag.getValue().tagKeys());
        assertEquals(Outcome.OVERRIDE_SET, result.outcome());
    }

    @Test
    void aScheduledStartReadsTheVersionsTagsAndSkipsWithoutStarting() {
        when(euWest1.listTagsForResource(any(ListTagsForResourceRequest.class))).thenReturn(
                ListTagsForResourceResponse.builder().tags(Map.of(ModelOverride.SKIP_STARTS_TAG, "2026-12-07T05:00:00Z"))
                        .build());
        ModelControlService tuesday = onTuesdayMorning();
        Command command = tuesday.validate(CommandRequest.forModels(Action.START, List.of("defects"))
                .from(new Origin.Schedule("weekday-warm-up")));

        ModelResult result = tuesday.execute(command, Deadline.in(Duration.ofSeconds(30))).results().get(0);

        ArgumentCaptor<ListTagsForResourceRequest> read = ArgumentCaptor.forClass(ListTagsForResourceRequest.class);
        verify(euWest1).listTagsForResource(read.capture());
        assertEquals(DEFECTS_ARN, read.getValue().resourceArn());
        verify(euWest1, never()).startProjectVersion(any(StartProjectVersionRequest.class));
        ModelResult.Skipped skipped = assertInstanceOf(ModelResult.Skipped.class, result);
        assertEquals(java.time.Instant.parse("2026-12-07T05:00:00Z"), skipped.until());
        assertTrue(result.succeeded());
    }

    @Test
    void aPersonsStartNeverReadsTheOverride() {
        when(euWest1.startProjectVersion(any(StartProjectVersionRequest.class))).thenReturn(starting());

        run(Action.START, "defects");

        verify(euWest1, never()).listTagsForResource(any(ListTagsForResourceRequest.class));
    }

    @Test
    void cancelRemovesBothTagsInOneCall() {
        ModelControlService tuesday = onTuesdayMorning();

        tuesday.execute(tuesday.validate(CommandRequest.forModels(Action.CANCEL_OVERRIDE, List.of("defects"))),
                Deadline.in(Duration.ofSeconds(30)));

        ArgumentCaptor<UntagResourceRequest> untag = ArgumentCaptor.forClass(UntagResourceRequest.class);
        verify(euWest1).untagResource(untag.capture());
        assertEquals(DEFECTS_ARN, untag.getValue().resourceArn());
        assertEquals(List.of(ModelOverride.KEEP_RUNNING_TAG, ModelOverride.SKIP_STARTS_TAG), untag.getValue().tagKeys());
    }

    private ModelControlService onTuesdayMorning() {
        lenient().when(euWest1.tagResource(any(TagResourceRequest.class)))
                .thenReturn(TagResourceResponse.builder().build());
        lenient().when(euWest1.untagResource(any(UntagResourceRequest.class)))
                .thenReturn(UntagResourceResponse.builder().build());
        ModelCatalog catalog = new ModelCatalog(List.of(
                new ModelConfig("defects", arn(DEFECTS_ARN), Optional.of(DEFECTS_PROJECT), 1, 2L, 4)));
        return new ModelControlService(new ModelControlService.Settings(catalog, List.of(), Duration.ofDays(14),
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-01T08:00:00Z"), java.time.ZoneOffset.UTC)),
                new RekognitionGateway(region -> euWest1), pauses::add);
    }

    private static CommandRequest overrideRequest(String keepRunningUntil, String skipStartsUntil) {
        return new CommandRequest(Action.OVERRIDE, List.of("defects"), null, null, null, false,
                new ModelOverride(keepRunningUntil == null ? null : java.time.Instant.parse(keepRunningUntil),
                        skipStartsUntil == null ? null : java.time.Instant.parse(skipStartsUntil)), Origin.PERSON);
    }
}
