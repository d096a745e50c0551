package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.conversation.ReplyRecorder;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.requests.AnswerPreviews.AnswerPreview;

import java.util.Optional;

/**
 * The answering use case: asks the model with "typing..." shown (and, where possible, the answer previewed as
 * it is written), and records the formatted reply for delivery in the same transaction as the remembered
 * exchange. Returns what to send: the answer, or the failure in the user's words.
 */
public final class AnswerQuestion {
    private final ConversationService conversations;
    private final Inbox inbox;
    private final TypingIndicator typing;
    private final AnswerPreviews previews;
    private final ReplyFormat format;
    private final BotTexts texts;

    public AnswerQuestion(ConversationService conversations, Inbox inbox, TypingIndicator typing,
                          AnswerPreviews previews, ReplyFormat format, BotTexts texts) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.typing = typing;
        this.previews = previews;
        this.format = format;
        this.texts = texts;
    }

    /**
     * The formatted reply to send for {@code question}; the answer (not a failure) is already recorded.
     *
     * @throws InterruptedException the bot is stopping and cut the model call short: ask again after the restart
     */
    String answer(Incoming incoming, String question) throws InterruptedException {
        try (TypingIndicator.Typing ignored = typing.show(incoming.target())) {
            RecordedReply recorded = new RecordedReply(incoming);
            Answer answer = ask(incoming, question, recorded);
            if (answer instanceof Answer.Failure && Thread.interrupted()) {
                // the bot is stopping and cut the Gemini call short: ask again after the restart, do not blame Gemini
                throw new InterruptedException("stopped while asking Gemini");
            }
            return switch (answer) {
                case Answer.Reply reply -> recorded.formatted();
                case Answer.Failure failure -> format.text(failure.userMessage());
            };
        }
    }

    private Answer ask(Incoming incoming, String question, RecordedReply recorder) {
        Optional<AnswerPreview> preview = previews.open(incoming);
        if (preview.isEmpty()) {
            return conversations.ask(incoming.conversation(), question, recorder);
        }
        try (AnswerPreview shown = preview.get()) {
            return conversations.askStreaming(incoming.conversation(), question, recorder, shown::show);
        }
    }

    /** Formats the model's reply and records it for delivery, inside the exchange's transaction. */
    private final class RecordedReply implements ReplyRecorder {
        private final Incoming incoming;
        private String formatted = "";

        RecordedReply(Incoming incoming) {
            this.incoming = incoming;
        }

        @Override
        public boolean record(Answer.Reply reply) {
            Optional<String> note = switch (reply.ending()) {
                case COMPLETE -> Optional.empty();
                case LENGTH_LIMIT -> Optional.of(texts.cutShort());
                case CUT_OFF -> Optional.of(texts.cutOff());
            };
            Optional<String> rendered = format.answer(reply.text(), note);
            if (rendered.isEmpty()) {
                return false; // the messenger would refuse it as empty; the user is told instead
            }
            formatted = rendered.get();
            inbox.answered(incoming.updateId(), formatted);
            return true;
        }

        String formatted() {
            return formatted;
        }
    }
}
