package dev.geminibot.telegram;

import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sends the bot's words to a chat: long texts as several messages in order, the first one replying to the
 * user's message in groups and staying in its forum topic.
 */
public final class TelegramReplySender {
    private static final Logger log = LoggerFactory.getLogger(TelegramReplySender.class);

    private final TelegramClient client;

    public TelegramReplySender(TelegramClient client) {
        this.client = client;
    }

    /** Sends {@code text}; returns false (after logging why) if Telegram refused any part. */
    public boolean send(ReplyTarget target, String text) {
        List<String> parts = MessageSplitter.split(text, MessageSplitter.TELEGRAM_LIMIT);
        for (int i = 0; i < parts.size(); i++) {
            SendMessage message = SendMessage.builder()
                    .chatId(target.chatId())
                    .messageThreadId(target.threadId())
                    .text(parts.get(i))
                    .replyParameters(i == 0 ? replyTo(target) : null)
                    .build();
            try {
                client.execute(message);
            } catch (TelegramApiException e) {
                log.warn("Telegram refused message part {}/{} for chat {}: {}", i + 1, parts.size(), target.chatId(), describe(e));
                return false;
            }
        }
        return true;
    }

    /** Shows "typing..." in the chat for about five seconds. */
    public void typing(ReplyTarget target) {
        SendChatAction action = SendChatAction.builder()
                .chatId(target.chatId())
                .messageThreadId(target.threadId())
                .action(ActionType.TYPING.toString())
                .build();
        try {
            client.execute(action);
        } catch (TelegramApiException e) {
            log.debug("Typing indicator for chat {} failed: {}", target.chatId(), describe(e));
        }
    }

    private static ReplyParameters replyTo(ReplyTarget target) {
        if (target.replyToMessageId() == null) {
            return null;
        }
        return ReplyParameters.builder().messageId(target.replyToMessageId()).allowSendingWithoutReply(true).build();
    }

    static String describe(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request) {
            return request.getErrorCode() + " " + request.getApiResponse();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
