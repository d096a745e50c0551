package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ChatUnavailableException;
import dev.geminibot.requests.ReplySender.Delivery;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.telegram.format.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * One part of a reply as a Telegram HTML message, sent anew or edited into a live message; if Telegram cannot
 * parse the HTML, the part goes again as plain text. Says what became of it, and how a failure reads for the
 * caller ({@link #failed}): the chat is gone, the message is refused for good, or Telegram could not be reached.
 */
final class HtmlMessages {
    private static final Logger log = LoggerFactory.getLogger(HtmlMessages.class);

    private final TelegramApi telegram;

    HtmlMessages(TelegramApi telegram) {
        this.telegram = telegram;
    }

    /** Sends {@code html} as a new message; the {@code first} of a reply replies to the question (groups). */
    Delivery send(ReplyTarget target, String html, boolean first) throws ChatUnavailableException, InterruptedException {
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

    /**
     * Edits {@code html} into the live message, unless it shows exactly that already (Telegram refuses such an
     * edit); sends it as a new message if the user deleted the live one.
     */
    Delivery edit(ReplyTarget target, LiveMessages.Live live, String html)
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
                return send(target, html, true);
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

    private Delivery sendPlain(ReplyTarget target, String text, boolean first)
            throws ChatUnavailableException, InterruptedException {
        try {
            telegram.send(target.chatId(), message(target, text, null, first));
            return Delivery.DELIVERED;
        } catch (TelegramApiException e) {
            return failed(target, e);
        }
    }

    /**
     * What a failed call means for the reply.
     *
     * @throws ChatUnavailableException the chat is gone (blocked, removed, not found)
     */
    static Delivery failed(ReplyTarget target, TelegramApiException e) throws ChatUnavailableException {
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

    static boolean isChatGone(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        String description = e.getApiResponse() == null ? "" : e.getApiResponse();
        return Integer.valueOf(403).equals(code)
                || Integer.valueOf(400).equals(code) && (description.contains("chat not found")
                        || description.contains("TOPIC_CLOSED") || description.contains("not enough rights"));
    }

    /** The question a reply's first message replies to (groups), or null. */
    static ReplyParameters replyTo(ReplyTarget target) {
        if (target.replyToMessageId() == null) {
            return null;
        }
        return ReplyParameters.builder().messageId(target.replyToMessageId()).allowSendingWithoutReply(true).build();
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

    private static EditMessageText edit(ReplyTarget target, LiveMessages.Live live, String text, String parseMode) {
        return EditMessageText.builder().chatId(target.chatId()).messageId(live.messageId()).text(text)
                .parseMode(parseMode).build();
    }

    private static boolean isParseError(TelegramApiRequestException e) {
        return Integer.valueOf(400).equals(e.getErrorCode()) && e.getApiResponse() != null
                && e.getApiResponse().contains("can't parse entities");
    }
}
