package io.github.customlabels.scheduler.verification;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Tells people that a start was not verified, on the deployment's alarm topic ({@code alarms.topicArn} or the topic
 * the stack makes for {@code alarms.email}): the alarm says that something failed, this message says which model, in
 * which state, and what Rekognition said about it.
 */
public class StartNotifier {

    /** SNS allows subjects of up to 100 characters. */
    static final int MAX_SUBJECT = 100;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<SnsClient> client;
    private final String topicArn;

    /** @param client built on first use: most containers never notify anything */
    public StartNotifier(Supplier<SnsClient> client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    /** Publishes the notification; returns why it could not be sent, or null when it was. */
    String publish(Notification notification) {
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(clip(notification.subject()))
                .message(notification.body())
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                .build();
        try {
            client.get().publish(request);
            return null;
        } catch (SdkException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static String clip(String subject) {
        // SNS also refuses line breaks and control characters in a subject.
        String clean = subject.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** A notification: a subject line and a plain-text body. */
    record Notification(String subject, String body) {
    }
}
