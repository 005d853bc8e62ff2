package io.github.customlabels.scheduler.trigger;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** A command as the payload itself (a stack schedule's input, a direct invoke, a Step Functions task). */
final class CommandAdapter implements TriggerAdapter<JsonNode> {

    @Override
    public Translation translate(JsonNode command) {
        return new Translation.Run(CommandReader.read(command, "the command"), CommandResponder.INSTANCE);
    }
}
