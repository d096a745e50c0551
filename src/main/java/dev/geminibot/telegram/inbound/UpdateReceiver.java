package dev.geminibot.telegram.inbound;

import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.Request;
import dev.geminibot.requests.UserRateLimiter;
import dev.geminibot.telegram.ChatHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.delivery.ConversationLanes;
import dev.geminibot.delivery.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes each batch from the poller: records the requests in the {@link Inbox} in one commit, hands them to
 * their conversations' lanes, and returns only once the commit is durable, which lets the poller confirm the
 * batch to Telegram. So a message is either durably recorded or still Telegram's to re-deliver: none is lost,
 * none is answered twice. If the batch cannot be recorded (the bot is stopping), {@link #consume} throws
 * instead of returning, and the batch stays unconfirmed. An update that cannot be read or interpreted is
 * skipped, never blocking the rest of its batch.
 *
 * <p>Update ids are not a de-duplication key (Telegram restarts them lower after a week without updates):
 * Telegram's offset is what keeps a confirmed update from coming again. The one re-delivery it cannot prevent:
 * the last run died with a batch recorded but not yet confirmed, after Telegram had restarted its ids below the
 * stored watermark (so the start offset does not confirm it). Such an update is recognised against the
 * requests that run left pending: same update id and same chat and message id.
 */
public final class UpdateReceiver implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateReceiver.class);
    private static final Duration RECORD_RETRY = Duration.ofSeconds(1);

    private final ObjectMapper json = new ObjectMapper();
    private final MessageInterpreter interpreter;
    private final ChatHandler handler;
    private final ConversationLanes lanes;
    private final Inbox inbox;
    private final UserRateLimiter rateLimiter;
    private final Map<Long, MessageKey> leftPending = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    /** A message for good: its chat and its id in that chat. */
    private record MessageKey(long chatId, long messageId) {
        static Optional<MessageKey> of(Update update) {
            Message message = update.getMessage();
            return message == null || message.getChatId() == null || message.getMessageId() == null
                    ? Optional.empty() : Optional.of(new MessageKey(message.getChatId(), message.getMessageId()));
        }
    }

    /**
     * @param rateLimitMessages messages each user may send per {@code rateLimitPeriod}, checked on arrival;
     *                          0 = no limit
     */
    public UpdateReceiver(MessageInterpreter interpreter, ChatHandler handler, ConversationLanes lanes, Inbox inbox,
                          int rateLimitMessages, Duration rateLimitPeriod) {
        this.interpreter = interpreter;
        this.handler = handler;
        this.lanes = lanes;
        this.inbox = inbox;
        this.rateLimiter = new UserRateLimiter(rateLimitMessages, rateLimitPeriod);
    }

    /**
     * Records the batch and returns once it is durable.
     *
     * @throws IllegalStateException if the batch was not recorded (the bot is stopping): do not confirm it
     */
    @Override
    public void consume(List<Update> updates) {
        long highest = Long.MIN_VALUE;
        Map<Long, String> payloads = new LinkedHashMap<>();
        List<Incoming> accepted = new ArrayList<>();
        for (Update update : updates) {
            long id = update.getUpdateId();
            highest = Math.max(highest, id);
            if (isLeftPending(id, update)) {
                log.info("Update {} was recorded by the last run and is being finished; ignoring the re-delivery", id);
                continue;
            }
            interpret(update).flatMap(this::throttle).ifPresent(incoming -> toJson(update).ifPresent(payload -> {
                payloads.put(id, payload);
                accepted.add(incoming);
            }));
        }
        if (payloads.isEmpty()) {
            return;
        }
        Inbox.Receipt receipt = record(payloads, highest);
        // Work starts while the commit runs; nothing is sent before it is durable (ChatHandler waits),
        // and returning, which confirms the batch to Telegram, waits for it too.
        accepted.forEach(incoming -> lanes.submit(incoming.conversation(), () -> handler.handle(incoming, receipt)));
        receipt.awaitDurable();
    }

    private boolean isLeftPending(long id, Update update) {
        MessageKey pending = leftPending.get(id);
        return pending != null && MessageKey.of(update).filter(pending::equals).isPresent();
    }

    /** Applies the per-user limit on arrival, so a flood is cut before it costs Gemini calls or queue space. */
    private Optional<Incoming> throttle(Incoming incoming) {
        return switch (rateLimiter.check(incoming.userId())) {
            case SERVE -> Optional.of(incoming);
            case WARN -> {
                log.info("User {} exceeds the message rate limit; asking them to slow down", incoming.userId());
                yield Optional.of(new Incoming(incoming.updateId(), incoming.conversation(), incoming.userId(),
                        incoming.sentAt(), incoming.target(), new Request.SlowDown()));
            }
            case DROP -> Optional.empty();
        };
    }

    /** Re-queues requests recorded by an earlier run and not finished (call before polling starts). */
    public void resume(List<Inbox.Entry> pending) {
        if (!pending.isEmpty()) {
            log.info("Finishing {} request(s) left over from the last run", pending.size());
        }
        for (Inbox.Entry entry : pending) {
            try {
                Update update = json.readValue(entry.payload(), Update.class);
                MessageKey.of(update).ifPresent(key -> leftPending.put(entry.id(), key));
                Optional<Incoming> incoming = interpret(update);
                if (incoming.isPresent()) {
                    lanes.submit(incoming.get().conversation(),
                            () -> handler.resume(incoming.get(), entry.reply(), entry.partsSent()));
                } else {
                    inbox.done(entry.id());
                }
            } catch (JsonProcessingException | RuntimeException e) {
                log.error("Dropping unreadable recorded update {}: {}", entry.id(), e.toString());
                inbox.done(entry.id());
            }
        }
    }

    /** Stops taking new updates; work already queued still runs. */
    public void stopAccepting() {
        accepting = false;
    }

    private Optional<Incoming> interpret(Update update) {
        try {
            return interpreter.interpret(update);
        } catch (RuntimeException e) {
            log.error("Ignoring update {} that could not be read", update.getUpdateId(), e);
            return Optional.empty();
        }
    }

    /**
     * Records until it works: returning without recording would let the poller confirm updates we do not
     * have. Gives up only when the bot is stopping, by throwing: the batch stays unconfirmed.
     */
    private Inbox.Receipt record(Map<Long, String> payloads, long highest) {
        while (accepting) {
            try {
                return inbox.accept(payloads, highest);
            } catch (RuntimeException e) {
                log.error("Cannot record {} update(s); retrying so that none is lost: {}", payloads.size(), e.toString());
                try {
                    Thread.sleep(RECORD_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("Stopping: " + payloads.size() + " update(s) not recorded");
    }

    private Optional<String> toJson(Update update) {
        try {
            return Optional.of(json.writeValueAsString(update));
        } catch (JsonProcessingException e) {
            log.error("Ignoring update {} that cannot be recorded: {}", update.getUpdateId(), e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
