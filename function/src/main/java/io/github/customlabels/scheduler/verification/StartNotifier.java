package io.github.customlabels.scheduler.verification;

import io.github.customlabels.scheduler.contract.CheckScheduleName;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.verification.CheckSchedules.ScheduleCallException;
import java.time.Instant;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Tells people that a start was not verified, on the deployment's alarm topic ({@code alarms.topicArn} or the topic
 * the stack makes for {@code alarms.email}): the alarm says that something failed, this message says which model, in
 * which state, and what Rekognition said about it.
 *
 * <p>It is published by EventBridge Scheduler's universal target for SNS Publish, a one-time schedule due a minute
 * later, through the Scheduler client verification already has: SNS's own SDK client would add about a megabyte to
 * the deployment package, which would then pass its 13 MB budget, for one call on a rare path.
 */
public class StartNotifier {

    /** EventBridge Scheduler's universal target for SNS Publish. */
    static final String SNS_PUBLISH_TARGET = "arn:aws:scheduler:::aws-sdk:sns:publish";
    /** SNS allows subjects of up to 100 characters, without line breaks. */
    static final int MAX_SUBJECT = 100;

    private final CheckSchedules schedules;
    private final String topicArn;

    public StartNotifier(CheckSchedules schedules, String topicArn) {
        this.schedules = schedules;
        this.topicArn = topicArn;
    }

    /** Has the notification published a minute from {@code now}; returns why it could not be, or null when it will be. */
    String publish(String model, Notification notification, Instant now, Deadline deadline) {
        String input = Json.text(JsonWriter.create().writeStartObject()
                .writeFieldName("TopicArn").writeValue(topicArn)
                .writeFieldName("Subject").writeValue(clip(notification.subject()))
                .writeFieldName("Message").writeValue(notification.body())
                .writeEndObject());
        try {
            schedules.oneTime(CheckScheduleName.notification(model), now.plus(StartVerifier.MIN_LEAD),
                    "Notifies that model " + model + " was not verified", SNS_PUBLISH_TARGET, input, deadline);
            return null;
        } catch (ScheduleCallException e) {
            return e.getMessage();
        }
    }

    private static String clip(String subject) {
        String clean = subject.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** A notification: a subject line and a plain-text body. */
    record Notification(String subject, String body) {
    }
}
