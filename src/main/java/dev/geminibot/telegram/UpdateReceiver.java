package dev.geminibot.telegram;

import dev.geminibot.conversation.ConversationLanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.List;
import java.util.Optional;

/**
 * Receives each batch from the poller and hands every request to its conversation's lane, in batch order,
 * then returns at once so polling continues. Never throws: an exception escaping here would silently stop
 * the library's polling loop.
 */
public final class UpdateReceiver implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateReceiver.class);

    private final MessageInterpreter interpreter;
    private final ChatHandler handler;
    private final ConversationLanes lanes;
    private volatile boolean accepting = true;

    public UpdateReceiver(MessageInterpreter interpreter, ChatHandler handler, ConversationLanes lanes) {
        this.interpreter = interpreter;
        this.handler = handler;
        this.lanes = lanes;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            if (!accepting) {
                return; // not confirmed to Telegram yet, so it is delivered again after the restart
            }
            try {
                Optional<Incoming> incoming = interpreter.interpret(update.getMessage());
                incoming.ifPresent(request -> lanes.submit(request.conversation(), () -> handler.handle(request)));
            } catch (Throwable e) {
                log.error("Ignoring update {} that could not be handled", update.getUpdateId(), e);
            }
        }
    }

    /** Stops taking new updates; work already queued still runs. */
    public void stopAccepting() {
        accepting = false;
    }
}
