package dev.geminibot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.conversation.ConversationLanes;
import dev.geminibot.conversation.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes each batch from the poller: drops updates at or below the inbox watermark (re-deliveries after a
 * crash), records the requests in the {@link Inbox} in one commit, and only then hands them to their
 * conversations' lanes and returns, which lets the poller confirm the batch to Telegram. So a message is
 * either durably recorded or still Telegram's to re-deliver: none is lost, none is answered twice.
 * Never throws: an exception escaping here would silently stop the library's polling loop.
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
    private volatile boolean accepting = true;

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

    @Override
    public void consume(List<Update> updates) {
        try {
            long watermark = inbox.watermark();
            long highest = watermark;
            Map<Long, String> payloads = new LinkedHashMap<>();
            List<Incoming> accepted = new ArrayList<>();
            for (Update update : updates) {
                long id = update.getUpdateId();
                if (id <= watermark) {
                    log.debug("Update {} was taken in before; ignoring the re-delivery", id);
                    continue;
                }
                highest = Math.max(highest, id);
                interpret(update).flatMap(this::throttle).ifPresent(incoming -> {
                    payloads.put(id, toJson(update));
                    accepted.add(incoming);
                });
            }
            if (payloads.isEmpty()) {
                return;
            }
            Optional<Inbox.Receipt> receipt = record(payloads, highest);
            if (receipt.isEmpty()) {
                return;
            }
            // Work starts while the commit runs; nothing is sent before it is durable (ChatHandler waits),
            // and returning, which confirms the batch to Telegram, waits for it too.
            accepted.forEach(incoming -> lanes.submit(incoming.conversation(), () -> handler.handle(incoming, receipt.get())));
            receipt.get().awaitDurable();
        } catch (Throwable e) {
            log.error("Could not take in a batch of {} update(s)", updates.size(), e);
        }
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
                Optional<Incoming> incoming = interpret(json.readValue(entry.payload(), Update.class));
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
     * have. Gives up only when the bot is stopping, in which case the batch stays unconfirmed.
     */
    private Optional<Inbox.Receipt> record(Map<Long, String> payloads, long highest) throws InterruptedException {
        while (accepting) {
            try {
                return Optional.of(inbox.accept(payloads, highest));
            } catch (RuntimeException e) {
                log.error("Cannot record {} update(s); retrying so that none is lost: {}", payloads.size(), e.toString());
                Thread.sleep(RECORD_RETRY.toMillis());
            }
        }
        return Optional.empty();
    }

    private String toJson(Update update) {
        try {
            return json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize update " + update.getUpdateId(), e);
        }
    }
}
