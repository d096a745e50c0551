package dev.geminibot.telegram.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.telegram.telegrambots.meta.api.methods.send.SendRichMessageDraft;
import org.telegram.telegrambots.meta.api.objects.richtext.InputRichMessage;

/**
 * A {@code sendRichMessageDraft} of Markdown with the Stop button of Bot API 10.3, which telegrambots 10.2.0
 * lacks: {@code can_stop} shows it; {@code keep_on_stop} is false because the bot sends the kept answer itself
 * (a draft may lag behind the text received). A server older than 10.3 ignores the two fields.
 */
final class RichMessageDraft extends SendRichMessageDraft {
    @JsonProperty("can_stop")
    private final Boolean canStop = Boolean.TRUE;
    @JsonProperty("keep_on_stop")
    private final Boolean keepOnStop = Boolean.FALSE;

    RichMessageDraft(long chatId, int draftId, String markdown) {
        super(chatId, draftId, markdown(markdown));
    }

    static InputRichMessage markdown(String markdown) {
        InputRichMessage message = new InputRichMessage();
        message.setMarkdown(markdown);
        return message;
    }
}
