package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.delivery.Intake;
import dev.geminibot.requests.Albums;
import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.Request;
import dev.geminibot.requests.RequestHandler;
import dev.geminibot.requests.UserRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes each batch from the poller: turns its updates into requests ({@link MessageInterpreter}), cuts floods
 * ({@link UserRateLimiter}), and has the {@link Intake} record them and queue them for the {@link RequestHandler};
 * returns only once they are durable, which lets the poller confirm the batch to Telegram. If the batch cannot
 * be recorded (the bot is stopping), {@link #consume} throws instead of returning, and the batch stays
 * unconfirmed. An update that cannot be read or interpreted is skipped, never blocking the rest of its batch.
 *
 * <p>Update ids are not a de-duplication key (Telegram restarts them lower after a week without updates):
 * Telegram's offset is what keeps a confirmed update from coming again. The one re-delivery it cannot prevent:
 * the last run died with a batch recorded but not yet confirmed, after Telegram had restarted its ids below the
 * stored watermark (so the start offset does not confirm it). Such an update is recognised against the
 * requests that run left pending: same update id and same chat and message id.
 */
public final class UpdateReceiver {
    private static final Logger log = LoggerFactory.getLogger(UpdateReceiver.class);

    private static final ObjectMapper SENDERS = new ObjectMapper(); // configured once, then only read with
    private final ObjectMapper json = new ObjectMapper();
    private final MessageInterpreter interpreter;
    private final RequestHandler handler;
    private final Intake intake;
    private final UserRateLimiter rateLimiter;
    private final Albums albums;
    private final Map<Long, MessageKey> leftPending = new ConcurrentHashMap<>();

    /** A message for good: its chat and its id in that chat. */
    private record MessageKey(long chatId, long messageId) {
        static Optional<MessageKey> of(Update update) {
            Message message = update.getMessage();
            return message == null || message.getChatId() == null || message.getMessageId() == null
                    ? Optional.empty() : Optional.of(new MessageKey(message.getChatId(), message.getMessageId()));
        }
    }

    /** @param rateLimiter the per-user limit, checked on arrival */
    /** @param albums notes album parts as they arrive; the same instance the {@code handler} gathers them with */
    public UpdateReceiver(MessageInterpreter interpreter, RequestHandler handler, Intake intake,
                          UserRateLimiter rateLimiter, Albums albums) {
        this.albums = albums;
        this.interpreter = interpreter;
        this.handler = handler;
        this.intake = intake;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Records the batch (each update's JSON as Telegram sent it) and returns once it is durable.
     *
     * @throws IllegalStateException if the batch was not recorded (the bot is stopping): do not confirm it
     */
    public void take(List<PolledUpdate> updates) {
        long highest = Long.MIN_VALUE;
        List<Intake.Accepted> accepted = new ArrayList<>();
        for (PolledUpdate polled : updates) {
            Update update = polled.update();
            long id = update.getUpdateId();
            highest = Math.max(highest, id);
            if (isLeftPending(id, update)) {
                log.info("Update {} was recorded by the last run and is being finished; ignoring the re-delivery", id);
                continue;
            }
            Optional<Incoming> interpreted = interpret(update);
            if (interpreted.isEmpty()) {
                continue;
            }
            Incoming incoming = interpreted.get();
            boolean countsAsQuestion = noteAlbumPart(incoming);
            if (!answerable(incoming)) {
                continue;
            }
            Optional<Incoming> admitted = countsAsQuestion ? throttle(incoming) : Optional.of(incoming);
            if (incoming.request() instanceof Request.AlbumPart part
                    && admitted.filter(served -> served.request() == part).isEmpty()) {
                albums.refuse(incoming, part); // the album's later parts must not answer it after all
            }
            admitted.ifPresent(served -> accepted.add(new Intake.Accepted(id, polled.json(), served.conversation(),
                    receipt -> handler.handle(served, receipt))));
        }
        // Work starts while the commit runs; nothing is sent before it is durable (ReplyDelivery waits),
        // and returning, which confirms the batch to Telegram, waits for it too.
        intake.take(accepted, highest);
    }

    /**
     * Notes an album part as it arrives, before it queues, so that the first one handled finds the rest; returns
     * whether the message counts as a question for the per-user limit (of an album, only its first part does).
     */
    private boolean noteAlbumPart(Incoming incoming) {
        return !(incoming.request() instanceof Request.AlbumPart part) || albums.arrived(incoming, part);
    }

    /** A part of an album that does not address the bot (in a group): only noted, never answered on its own. */
    private static boolean answerable(Incoming incoming) {
        return !(incoming.request() instanceof Request.AlbumPart part) || part.addressed();
    }

    private boolean isLeftPending(long id, Update update) {
        MessageKey pending = leftPending.get(id);
        return pending != null && MessageKey.of(update).filter(pending::equals).isPresent();
    }

    /**
     * Applies the per-user limit on arrival, so a flood is cut before it costs Gemini calls or queue space.
     * Only questions for Gemini count; commands and notes of the bot's own are always served.
     */
    private Optional<Incoming> throttle(Incoming incoming) {
        String question = switch (incoming.request()) {
            case Request.Ask ask -> ask.describe();
            case Request.AlbumPart part -> part.ask().describe();
            case Request.Retry retry -> "/retry";
            default -> null;
        };
        if (question == null) {
            return Optional.of(incoming);
        }
        UserRateLimiter.Verdict verdict = rateLimiter.check(incoming.userId());
        return switch (verdict.kind()) {
            case SERVE -> Optional.of(incoming);
            case WARN -> {
                log.info("User {} exceeds the question rate limit; asking them to slow down", incoming.userId());
                yield Optional.of(incoming.asking(new Request.SlowDown(question, verdict.retryAfter())));
            }
            case DROP -> Optional.empty();
        };
    }

    /** Re-queues requests recorded by an earlier run and not finished (call before polling starts). */
    public void resume() {
        intake.resume(entry -> {
            Update update = read(entry);
            MessageKey.of(update).ifPresent(key -> leftPending.put(entry.id(), key));
            return interpret(update).filter(incoming -> {
                noteAlbumPart(incoming);
                return answerable(incoming);
            }).map(incoming -> new Intake.LaneTask(incoming.conversation(),
                    () -> handler.resume(incoming, entry.recordedReply(), entry.partsSent())));
        });
    }

    /** Stops taking new updates; work already queued still runs. */
    public void stopAccepting() {
        intake.stopAccepting();
    }

    private Optional<Incoming> interpret(Update update) {
        try {
            return interpreter.interpret(update);
        } catch (RuntimeException e) {
            log.error("Ignoring update {} that could not be read", update.getUpdateId(), e);
            return Optional.empty();
        }
    }

    /** Who sent a recorded request: the sender of its message; empty if it has none or cannot be read. */
    public static java.util.OptionalLong senderOf(Inbox.Entry entry) {
        try {
            Message message = SENDERS.readValue(entry.payload(), Update.class).getMessage();
            return message == null || message.getFrom() == null ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(message.getFrom().getId());
        } catch (JsonProcessingException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private Update read(Inbox.Entry entry) {
        try {
            return json.readValue(entry.payload(), Update.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
