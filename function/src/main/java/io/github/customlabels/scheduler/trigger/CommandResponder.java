package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.util.List;

/**
 * How schedules, events, alarms and direct invokes answer: the result as JSON; if any model's action did not happen,
 * the invocation fails with that JSON as its message, so that retries and the dead-letter queue apply.
 */
final class CommandResponder implements Translation.Responder {

    static final CommandResponder INSTANCE = new CommandResponder();

    private CommandResponder() {
    }

    @Override
    public Reply refused(InvalidCommandException e) {
        return Reply.failed(e, "INVALID", e.problems());
    }

    @Override
    public Reply answer(CommandResult result) {
        String answer = Answers.commandResult(result);
        return result.succeeded() ? Reply.json(answer, "SUCCEEDED")
                : Reply.failed(new CommandFailedException(answer), "FAILED", List.of());
    }
}
