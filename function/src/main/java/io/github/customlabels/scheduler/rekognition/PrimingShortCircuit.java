package io.github.customlabels.scheduler.rekognition;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * While active, stops every Rekognition request at the last step before it would be sent: marshalling, endpoint
 * resolution, credentials and signing have run, nothing has left the process. SnapStart priming relies on it.
 * One instance, carried by every client {@link RekognitionClients#configure} sets up.
 */
final class PrimingShortCircuit implements ExecutionInterceptor {

    static final PrimingShortCircuit INSTANCE = new PrimingShortCircuit();

    private final AtomicInteger stopped = new AtomicInteger();
    private volatile boolean active;

    private PrimingShortCircuit() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (active) {
            stopped.incrementAndGet();
            throw new Stopped();
        }
    }

    /** Runs the action with every request stopped; returns how many requests were stopped. */
    synchronized int stopEveryRequestDuring(Runnable action) {
        int before = stopped.get();
        active = true;
        try {
            action.run();
        } finally {
            active = false;
        }
        return stopped.get() - before;
    }

    /** The request was stopped on purpose: not an I/O error, so never retried; no stack trace to fill. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("request stopped before transmission: SnapStart priming", null, false, false);
        }
    }
}
