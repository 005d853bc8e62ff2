package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.verification.CheckSchedules;
import io.github.customlabels.scheduler.verification.StartNotifier;
import io.github.customlabels.scheduler.verification.StartVerifier;
import io.github.customlabels.scheduler.verification.VerificationLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** A deployment that verifies starts, with Scheduler as the caller gives it (a Mockito mock). */
final class VerificationFixtures {

    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:scheduler-alarms";
    static final VerificationSettings SETTINGS = new VerificationSettings("CustomLabelsScheduler-verifications",
            "arn:aws:iam::123456789012:role/scheduler-verification",
            "arn:aws:sqs:eu-west-1:123456789012:scheduler-dead-letters", "live", Duration.ofMinutes(10),
            Duration.ofMinutes(5), Duration.ofMinutes(40), Optional.of(TOPIC_ARN));

    private VerificationFixtures() {
    }

    /**
     * A handler like {@link Fixtures#handler}, whose starts are verified at {@code now}; the service runs on the same
     * fixed clock, so the samples' override ends are judged against {@code now}, never against the day the test runs.
     */
    static SchedulerHandler handler(LocalRekognition rekognition, SchedulerClient scheduler, Instant now, LogSink log) {
        RekognitionGateway gateway = rekognition.gateway();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Wiring wiring = Wiring.of(Fixtures.CONFIG, gateway).withClock(clock);
        CheckSchedules schedules = new CheckSchedules(() -> scheduler, SETTINGS);
        StartVerifier verifier = new StartVerifier(SETTINGS, wiring.service().catalog(), gateway, schedules,
                Optional.of(new StartNotifier(schedules, TOPIC_ARN)), new VerificationLog(log), clock);
        return new SchedulerHandler(wiring.withVerifier(verifier).withLog(log));
    }
}
