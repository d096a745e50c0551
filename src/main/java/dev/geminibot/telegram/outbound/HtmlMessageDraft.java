package dev.geminibot.telegram.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.geminibot.telegram.format.TelegramHtml;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * A {@code sendMessageDraft} with an HTML text, checked as Telegram checks it: at most 4096 characters the user
 * sees. The library's own check counts the raw HTML, tags and entities included, so a draft of a long formatted
 * answer (a full 4096-character part) would never leave the bot. Shows the Stop button of Bot API 10.3 (as
 * {@link RichMessageDraft} does), which telegrambots 10.2.0 lacks.
 */
final class HtmlMessageDraft extends SendMessageDraft {
    @JsonProperty("can_stop")
    private final Boolean canStop = Boolean.TRUE;
    @JsonProperty("keep_on_stop")
    private final Boolean keepOnStop = Boolean.FALSE;

    HtmlMessageDraft(long chatId, int draftId, String html) {
        super(chatId, null, draftId, html, ParseMode.HTML, null);
    }

    @Override
    public void validate() throws TelegramApiValidationException {
        if (getChatId() == null || getChatId() == 0) {
            throw new TelegramApiValidationException("ChatId can't be empty", this);
        }
        if (getDraftId() == null || getDraftId() == 0) {
            throw new TelegramApiValidationException("DraftId can't be empty and must be non-zero", this);
        }
        if (getText() == null || TelegramHtml.toPlainText(getText()).length() > TelegramReplyFormat.TELEGRAM_LIMIT) {
            throw new TelegramApiValidationException("Text can't be longer than 4096 visible characters", this);
        }
    }
}
