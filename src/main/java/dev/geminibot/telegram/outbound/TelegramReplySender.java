package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ChatUnavailableException;
import dev.geminibot.requests.ReplySender;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.telegram.format.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendRichMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Sends the bot's words to a chat as Telegram HTML: long texts as several messages in order (cut by
 * {@link TelegramReplyFormat}), the first replying to the user's message in groups, all in its forum topic. If
 * Telegram cannot parse a part's HTML, that part is sent again as plain text. A part recorded for a rich message
 * ({@link RichReply}) goes out with {@code sendRichMessage}; if the server refuses it (a limit, or an older or
 * local server without the method) it goes the HTML way instead, logged once per cause. In a group whose answer
 * was shown growing in a live message ({@link LiveMessagePreview}), the first part is edited into that message
 * instead of sent anew. Says what became of the reply, so that the caller forgets it only once it was delivered or refused for good.
 */
public final class TelegramReplySender implements ReplySender {
    private static final Logger log = LoggerFactory.getLogger(TelegramReplySender.class);

    private final TelegramApi telegram;
    private final LiveMessages liveMessages;
    private final RichRefusals refusals = new RichRefusals();

    /**
     * @param telegram     paces and retries every message
     * @param liveMessages messages showing an answer growing in a group: the answer's first part replaces them
     */
    public TelegramReplySender(TelegramApi telegram, LiveMessages liveMessages) {
        this.telegram = telegram;
        this.liveMessages = liveMessages;
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
        return markdown.isPresent() ? sendRich(target, markdown.get(), first) : sendHtml(target, part, first);
    }

    private Delivery sendRich(ReplyTarget target, String markdown, boolean first)
            throws ChatUnavailableException, InterruptedException {
        try {
            telegram.send(target.chatId(), richMessage(target, markdown, first));
            return Delivery.DELIVERED;
        } catch (TelegramApiRequestException e) {
            if (isChatGone(e) || !refusesRich(e)) {
                return failed(target, e);
            }
            noteFallback(e.getErrorCode() + " " + e.getApiResponse());
        } catch (TelegramApiValidationException e) {
            noteFallback("invalid here: " + e.getMessage());
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
        List<String> htmlParts = TelegramReplyFormat.split(TelegramHtml.fromMarkdown(markdown));
        for (int i = 0; i < htmlParts.size(); i++) {
            Delivery delivery = sendHtml(target, htmlParts.get(i), first && i == 0);
            if (delivery != Delivery.DELIVERED) {
                return delivery;
            }
        }
        return Delivery.DELIVERED;
    }

    /**
     * Puts a reply's first part in place of the live message that showed the answer growing: a rich part by an
     * edit with {@code rich_message} (HTML, the first part edited in and the rest as new messages, if refused),
     * an HTML part by an edit unless the message shows exactly that already (Telegram refuses such an edit).
     */
    private Delivery replace(ReplyTarget target, LiveMessages.Live live, String part)
            throws ChatUnavailableException, InterruptedException {
        Optional<String> markdown = RichReply.markdownOf(part);
        if (markdown.isEmpty()) {
            return replaceHtml(target, live, part);
        }
        try {
            telegram.send(target.chatId(), EditMessageText.builder().chatId(target.chatId()).messageId(live.messageId())
                    .richMessage(RichMessageDraft.markdown(markdown.get())).build());
            return Delivery.DELIVERED;
        } catch (TelegramApiRequestException e) {
            if (isChatGone(e) || !refusesRich(e)) {
                return failed(target, e);
            }
            noteFallback(e.getErrorCode() + " " + e.getApiResponse());
        } catch (TelegramApiValidationException e) {
            noteFallback("invalid here: " + e.getMessage());
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
        List<String> htmlParts = TelegramReplyFormat.split(TelegramHtml.fromMarkdown(markdown.get()));
        Delivery delivery = replaceHtml(target, live, htmlParts.getFirst());
        for (int i = 1; i < htmlParts.size() && delivery == Delivery.DELIVERED; i++) {
            delivery = sendHtml(target, htmlParts.get(i), false);
        }
        return delivery;
    }

    private Delivery replaceHtml(ReplyTarget target, LiveMessages.Live live, String html)
            throws ChatUnavailableException, InterruptedException {
        if (html.equals(live.html())) {
            return Delivery.DELIVERED;
        }
        try {
            telegram.send(target.chatId(), edit(target, live, html, ParseMode.HTML));
            return Delivery.DELIVERED;
        } catch (TelegramApiRequestException e) {
            String description = e.getApiResponse() == null ? "" : e.getApiResponse();
            if (description.contains("message is not modified")) {
                return Delivery.DELIVERED;
            }
            if (description.contains("message to edit not found")) {
                return sendHtml(target, html, true); // the user deleted it: the answer comes as a new message
            }
            if (isParseError(e)) {
                log.warn("Telegram could not parse our HTML ({}); editing the part in as plain text", description);
                try {
                    telegram.send(target.chatId(), edit(target, live, TelegramHtml.toPlainText(html), null));
                    return Delivery.DELIVERED;
                } catch (TelegramApiException plain) {
                    return failed(target, plain);
                }
            }
            return failed(target, e);
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
    }

    private static EditMessageText edit(ReplyTarget target, LiveMessages.Live live, String text, String parseMode) {
        return EditMessageText.builder().chatId(target.chatId()).messageId(live.messageId()).text(text)
                .parseMode(parseMode).build();
    }

    /** A 400 (a limit, a Markdown the server reads otherwise) or 404 (no such method on this server). */
    static boolean refusesRich(TelegramApiRequestException e) {
        return Integer.valueOf(400).equals(e.getErrorCode()) || Integer.valueOf(404).equals(e.getErrorCode());
    }

    private void noteFallback(String cause) {
        refusals.note(cause);
    }

    private static SendRichMessage richMessage(ReplyTarget target, String markdown, boolean first) {
        SendRichMessage message = new SendRichMessage(String.valueOf(target.chatId()), RichMessageDraft.markdown(markdown));
        message.setMessageThreadId(target.threadId());
        message.setReplyParameters(first ? replyTo(target) : null);
        return message;
    }

    private Delivery sendHtml(ReplyTarget target, String html, boolean first)
            throws ChatUnavailableException, InterruptedException {
        try {
            telegram.send(target.chatId(), message(target, html, ParseMode.HTML, first));
            return Delivery.DELIVERED;
        } catch (TelegramApiRequestException e) {
            if (isParseError(e)) {
                log.warn("Telegram could not parse our HTML ({}); sending the part as plain text", e.getApiResponse());
                return sendPlain(target, TelegramHtml.toPlainText(html), first);
            }
            return failed(target, e);
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
    }

    private Delivery sendPlain(ReplyTarget target, String text, boolean first)
            throws ChatUnavailableException, InterruptedException {
        try {
            telegram.send(target.chatId(), message(target, text, null, first));
            return Delivery.DELIVERED;
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
    }

    private static Delivery failed(ReplyTarget target, TelegramApiException e) throws ChatUnavailableException {
        if (e instanceof TelegramApiRequestException request && isChatGone(request)) {
            throw new ChatUnavailableException(target.chatId(), TelegramCalls.describe(e));
        }
        if (TelegramCalls.TelegramFailure.of(e) == TelegramCalls.TelegramFailure.PERMANENT) {
            log.error("Telegram refused a message for chat {}: {}", target.chatId(), TelegramCalls.describe(e));
            return Delivery.REFUSED;
        }
        log.error("Telegram could not be reached for chat {} ({}); the reply stays in the inbox and is sent after"
                + " the next start", target.chatId(), TelegramCalls.describe(e));
        return Delivery.UNDELIVERED;
    }

    private static SendMessage message(ReplyTarget target, String text, String parseMode, boolean first) {
        return SendMessage.builder()
                .chatId(target.chatId())
                .messageThreadId(target.threadId())
                .text(text)
                .parseMode(parseMode)
                .replyParameters(first ? replyTo(target) : null)
                .build();
    }

    private static ReplyParameters replyTo(ReplyTarget target) {
        if (target.replyToMessageId() == null) {
            return null;
        }
        return ReplyParameters.builder().messageId(target.replyToMessageId()).allowSendingWithoutReply(true).build();
    }

    private static boolean isParseError(TelegramApiRequestException e) {
        return Integer.valueOf(400).equals(e.getErrorCode()) && e.getApiResponse() != null
                && e.getApiResponse().contains("can't parse entities");
    }

    private static boolean isChatGone(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        String description = e.getApiResponse() == null ? "" : e.getApiResponse();
        return Integer.valueOf(403).equals(code)
                || Integer.valueOf(400).equals(code) && (description.contains("chat not found")
                        || description.contains("TOPIC_CLOSED") || description.contains("not enough rights"));
    }
}
