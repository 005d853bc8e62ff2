package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;

/** What an adapter makes of an event: a request for the service and who answers for it, or an answer at once. */
sealed interface Translation {

    /** A command for the service; {@code responder} turns the service's verdict into the trigger's answer. */
    record Run(CommandRequest request, Responder responder) implements Translation {
    }

    /** An answer that needs no command: a 404 or 405, an oversized body, an alarm this deployment ignores. */
    record Answer(Reply reply) implements Translation {
    }

    /** Turns the service's verdict on one command into a trigger's answer. */
    interface Responder {

        /** The command breaks a rule (bad units, an unknown model): nothing was sent. */
        Reply refused(InvalidCommandException e);

        /** The command ran; one result per model. */
        Reply answer(CommandResult result);
    }
}
