package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ChatUnavailableException;
import dev.geminibot.requests.ReplySender;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.telegram.format.TelegramHtml;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendRichMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Sends the bot's words to a chat: long texts as several messages in order (cut by {@link TelegramReplyFormat}),
 * the first replying to the user's message in groups, all in its forum topic. An HTML part goes as an HTML
 * message ({@link HtmlMessages}: plain text if Telegram cannot parse it). A part recorded for a rich message
 * ({@link RichReply}) goes out with {@code sendRichMessage}; if the server refuses it (a limit, or an older or
 * local server without the method) it goes the HTML way instead, logged once per cause. In a group whose answer
 * was shown growing in a live message ({@link LiveMessagePreview}), the first part is edited into that message
 * instead of sent anew. Says what became of the reply, so that the caller forgets it only once it was delivered
 * or refused for good.
 */
public final class TelegramReplySender implements ReplySender {
    private final TelegramApi telegram;
    private final LiveMessages liveMessages;
    private final HtmlMessages html;
    private final RichRefusals refusals = new RichRefusals();

    /**
     * @param telegram     paces and retries every message
     * @param liveMessages messages showing an answer growing in a group: the answer's first part replaces them
     */
    public TelegramReplySender(TelegramApi telegram, LiveMessages liveMessages) {
        this.telegram = telegram;
        this.liveMessages = liveMessages;
        this.html = new HtmlMessages(telegram);
    }

    @Override
    public Delivery send(ReplyTarget target, List<String> parts, int alreadySent, IntConsumer partSent)
            throws ChatUnavailableException, InterruptedException {
        Optional<LiveMessages.Live> live = liveMessages.take(target).filter(shown -> alreadySent == 0);
        for (int i = alreadySent; i < parts.size(); i++) {
            Delivery part = i == 0 && live.isPresent()
                    ? replace(target, live.get(), parts.get(i))
                    : sendPart(target, parts.get(i), i == 0);
            if (part != Delivery.DELIVERED) {
                return part;
            }
            partSent.accept(i + 1);
        }
        return Delivery.DELIVERED;
    }

    private Delivery sendPart(ReplyTarget target, String part, boolean first)
            throws ChatUnavailableException, InterruptedException {
        Optional<String> markdown = RichReply.markdownOf(part);
        if (markdown.isEmpty()) {
            return html.send(target, part, first);
        }
        Optional<Delivery> rich = tryRich(target, richMessage(target, markdown.get(), first));
        if (rich.isPresent()) {
            return rich.get();
        }
        List<String> htmlParts = htmlParts(markdown.get());
        Delivery delivery = Delivery.DELIVERED;
        for (int i = 0; i < htmlParts.size() && delivery == Delivery.DELIVERED; i++) {
            delivery = html.send(target, htmlParts.get(i), first && i == 0);
        }
        return delivery;
    }

    /**
     * Puts a reply's first part in place of the live message that showed the answer growing: a rich part by an
     * edit with {@code rich_message} (if refused, its HTML: the first message's worth edited in, the rest as new
     * messages), an HTML part by an edit.
     */
    private Delivery replace(ReplyTarget target, LiveMessages.Live live, String part)
            throws ChatUnavailableException, InterruptedException {
        Optional<String> markdown = RichReply.markdownOf(part);
        if (markdown.isEmpty()) {
            return html.edit(target, live, part);
        }
        Optional<Delivery> rich = tryRich(target, EditMessageText.builder().chatId(target.chatId())
                .messageId(live.messageId()).richMessage(RichMessageDraft.markdown(markdown.get())).build());
        if (rich.isPresent()) {
            return rich.get();
        }
        List<String> htmlParts = htmlParts(markdown.get());
        Delivery delivery = html.edit(target, live, htmlParts.getFirst());
        for (int i = 1; i < htmlParts.size() && delivery == Delivery.DELIVERED; i++) {
            delivery = html.send(target, htmlParts.get(i), false);
        }
        return delivery;
    }

    /** Makes a rich call: what became of it, or empty if the server refused rich content (send it as HTML). */
    private Optional<Delivery> tryRich(ReplyTarget target, BotApiMethod<?> call)
            throws ChatUnavailableException, InterruptedException {
        try {
            telegram.send(target.chatId(), call);
            return Optional.of(Delivery.DELIVERED);
        } catch (TelegramApiRequestException e) {
            if (HtmlMessages.isChatGone(e) || !refusesRich(e)) {
                return Optional.of(HtmlMessages.failed(target, e));
            }
            refusals.note(e.getErrorCode() + " " + e.getApiResponse());
        } catch (TelegramApiValidationException e) {
            refusals.note("invalid here: " + e.getMessage());
        } catch (TelegramApiException e) {
            return Optional.of(HtmlMessages.failed(target, e));
        }
        return Optional.empty();
    }

    private static List<String> htmlParts(String markdown) {
        return TelegramReplyFormat.split(TelegramHtml.fromMarkdown(markdown));
    }

    /** A 400 (a limit, a Markdown the server reads otherwise) or 404 (no such method on this server). */
    static boolean refusesRich(TelegramApiRequestException e) {
        return Integer.valueOf(400).equals(e.getErrorCode()) || Integer.valueOf(404).equals(e.getErrorCode());
    }

    private static SendRichMessage richMessage(ReplyTarget target, String markdown, boolean first) {
        SendRichMessage message = new SendRichMessage(String.valueOf(target.chatId()), RichMessageDraft.markdown(markdown));
        message.setMessageThreadId(target.threadId());
        message.setReplyParameters(first ? HtmlMessages.replyTo(target) : null);
        return message;
    }
}
