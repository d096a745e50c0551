package dev.geminibot.telegram.outbound;

import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.Serializable;

/**
 * The one way the bot calls the Bot API (apart from the long poll, which holds its own connection): every call
 * to a chat is paced inside Telegram's flood limits ({@link OutboundRateLimiter}) and retried by
 * {@link TelegramCalls}' rules. Calls that only decorate an answer ("typing...", drafts) are best effort: made
 * once, and only if the chat has room under the limits right now, so they never delay or block an answer.
 */
public final class TelegramApi {
    private final TelegramCalls calls;
    private final OutboundRateLimiter pacing;

    public TelegramApi(TelegramCalls calls, OutboundRateLimiter pacing) {
        this.calls = calls;
        this.pacing = pacing;
    }

    /**
     * A message to {@code chatId}: waits its turn under the flood limits, then is retried until Telegram answers
     * or refuses it.
     *
     * @throws TelegramApiException Telegram refused the call, or transient failures outlasted the tries
     * @throws InterruptedException the bot is stopping
     */
    public <T extends Serializable> T send(long chatId, BotApiMethod<T> method)
            throws TelegramApiException, InterruptedException {
        pacing.acquire(chatId);
        return calls.execute(method);
    }

    /**
     * A call that goes to no chat ({@code getMe}, {@code setMyCommands}): not paced, retried like a message.
     *
     * @throws TelegramApiException Telegram refused the call, or transient failures outlasted the tries
     * @throws InterruptedException the bot is stopping
     */
    public <T extends Serializable> T call(BotApiMethod<T> method) throws TelegramApiException, InterruptedException {
        return calls.execute(method);
    }

    /**
     * A best-effort call to {@code chatId}: made once if the chat has room under the flood limits now (without
     * taking a message's turn), skipped otherwise. Returns whether it was made.
     *
     * @throws TelegramApiException the call was made and failed; it is not retried
     * @throws InterruptedException the bot is stopping
     */
    public boolean tryCall(long chatId, BotApiMethod<?> method) throws TelegramApiException, InterruptedException {
        if (!pacing.hasRoom(chatId)) {
            return false;
        }
        calls.executeOnce(method);
        return true;
    }

    /**
     * A best-effort call that counts under the flood limits like a message (a draft): made once if the chat has a
     * turn free now, which it takes; skipped otherwise. Returns Telegram's answer, or empty if skipped.
     *
     * @throws TelegramApiException the call was made and failed; it is not retried
     * @throws InterruptedException the bot is stopping
     */
    public <T extends Serializable> java.util.Optional<T> trySend(long chatId, BotApiMethod<T> method)
            throws TelegramApiException, InterruptedException {
        if (!pacing.tryAcquire(chatId)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(calls.executeOnce(method));
    }
}
