package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.conversation.Question;
import dev.geminibot.conversation.ReplyRecorder;
import dev.geminibot.conversation.StopSignal;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.requests.AnswerPreviews.AnswerPreview;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The answering use case: asks the model with "typing..." shown until the reply is sent (and, where possible, the
 * answer previewed as it is written), records the formatted reply for delivery in the same transaction as the
 * remembered exchange, and sends it: the answer, or the failure in the user's words.
 */
public final class AnswerQuestion {
    private final ConversationService conversations;
    private final ReplyDelivery replies;
    private final TypingIndicator typing;
    private final AnswerPreviews previews;
    private final ReplyFormat format;
    private final BotTexts texts;
    private final long maxFileBytes;
    private final DailyUsage usage;

    /**
     * @param maxFileBytes the largest file the bot takes, as users are told when one is larger
     * @param usage counts each answered question with its tokens, with the exchange
     */
    public AnswerQuestion(ConversationService conversations, ReplyDelivery replies, TypingIndicator typing,
                          AnswerPreviews previews, ReplyFormat format, BotTexts texts, long maxFileBytes,
                          DailyUsage usage) {
        this.maxFileBytes = maxFileBytes;
        this.usage = usage;
        this.conversations = conversations;
        this.replies = replies;
        this.typing = typing;
        this.previews = previews;
        this.format = format;
        this.texts = texts;
    }

    /**
     * Answers {@code question} and sends the reply once {@code recorded} is durable; returns true if the reply is
     * still owed (see {@link ReplyDelivery#deliver}).
     *
     * @throws InterruptedException the bot is stopping (e.g. it cut the model call short: ask again after the restart)
     */
    boolean answer(Incoming incoming, Question question, Inbox.Receipt recorded, RequestCost cost)
            throws ChatUnavailableException, InterruptedException {
        return answer(incoming, recorded, cost, (recorder, textSoFar, stop) ->
                Optional.of(conversations.ask(incoming.conversation(), question, recorder, textSoFar, stop)));
    }

    /**
     * Answers the conversation's last question again in place of its last answer ({@code /retry}), or says there
     * is nothing to retry; returns true if the reply is still owed.
     */
    boolean retry(Incoming incoming, Inbox.Receipt recorded, RequestCost cost)
            throws ChatUnavailableException, InterruptedException {
        if (conversations.retryQuestion(incoming.conversation()).isEmpty()) {
            return replies.sendText(incoming, recorded, textsFor(incoming).nothingToRetry());
        }
        return answer(incoming, recorded, cost, (recorder, textSoFar, stop) ->
                conversations.retry(incoming.conversation(), recorder, textSoFar, stop,
                        Phrasebook.languageName(incoming.languageCode())));
    }

    /**
     * One way of asking the model: streaming to {@code textSoFar} if present, until {@code stop} (the user's Stop
     * button) if that comes first; empty if there was nothing to ask.
     */
    @FunctionalInterface
    private interface Asking {
        Optional<Answer> ask(ReplyRecorder recorder, Optional<Consumer<String>> textSoFar, StopSignal stop);
    }

    private boolean answer(Incoming incoming, Inbox.Receipt recorded, RequestCost cost, Asking asking)
            throws ChatUnavailableException, InterruptedException {
        try (TypingIndicator.Typing ignored = typing.show(incoming.target())) {
            RecordedReply recordedReply = new RecordedReply(incoming, cost);
            Optional<Answer> asked = ask(incoming, asking, recordedReply);
            if (asked.isEmpty()) {
                return replies.sendText(incoming, recorded, textsFor(incoming).nothingToRetry());
            }
            Answer answer = asked.get();
            if (answer instanceof Answer.Failure && Thread.interrupted()) {
                // the bot is stopping and cut the Gemini call short: ask again after the restart, do not blame Gemini
                throw new InterruptedException("stopped while asking Gemini");
            }
            String formatted = switch (answer) {
                case Answer.Reply reply -> recordedReply.formatted();
                case Answer.Failure failure -> format.text(textsFor(incoming)
                        .failure(failure.reason(), failure.retryAfter()));
                case Answer.Unusable unusable -> format.text(textsFor(incoming)
                        .unusableFile(unusable.problem(), maxFileBytes));
            };
            return replies.deliver(incoming, formatted, 0, recorded);
        }
    }

    private Optional<Answer> ask(Incoming incoming, Asking asking, RecordedReply recorder) {
        Optional<AnswerPreview> preview = previews.open(incoming);
        StopSignal stop = new StopSignal();
        if (preview.isEmpty()) {
            return asking.ask(recorder, Optional.empty(), stop);
        }
        try (AnswerPreview shown = preview.get()) {
            shown.onStop(stop::stop);
            return asking.ask(recorder, Optional.of(shown::show), stop);
        }
    }

    /** Formats the model's reply and records it for delivery, inside the exchange's transaction. */
    private final class RecordedReply implements ReplyRecorder {
        private final Incoming incoming;
        private final RequestCost cost;
        private String formatted = "";

        RecordedReply(Incoming incoming, RequestCost cost) {
            this.incoming = incoming;
            this.cost = cost;
        }

        @Override
        public boolean record(Answer.Reply reply) {
            Optional<String> note = switch (reply.ending()) {
                case COMPLETE -> Optional.empty();
                case LENGTH_LIMIT -> Optional.of(textsFor(incoming).cutShort());
                case CUT_OFF -> Optional.of(textsFor(incoming).cutOff());
                case STOPPED -> Optional.of(textsFor(incoming).stopped());
            };
            Optional<String> rendered = format.answer(reply.text(), note);
            if (rendered.isEmpty()) {
                return false; // the messenger would refuse it as empty; the user is told instead
            }
            formatted = rendered.get();
            replies.record(incoming, formatted);
            usage.count(incoming.userId(), reply.tokens());
            cost.answered(reply.tokens());
            return true;
        }

        String formatted() {
            return formatted;
        }
    }

    /** The bot's own words in the language of the sender of {@code incoming}. */
    private BotTexts textsFor(Incoming incoming) {
        return texts.in(incoming.languageCode());
    }
}
