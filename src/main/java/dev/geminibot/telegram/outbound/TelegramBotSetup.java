package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.BotTexts;
import dev.geminibot.requests.Phrasebook;
import dev.geminibot.requests.Command;
import dev.geminibot.support.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.net.URI;
import java.util.List;
import java.util.Set;

/** The Bot API calls made once at start: who the bot is ({@code getMe}) and its command menu. */
public final class TelegramBotSetup {
    private static final Logger log = LoggerFactory.getLogger(TelegramBotSetup.class);

    private final TelegramApi telegram;
    private final URI apiUrl;

    /**
     * @param telegram a client with few retries: at start a wrong URL or a dead network should fail fast
     * @param apiUrl where the calls go, to name it when it cannot be reached
     */
    public TelegramBotSetup(TelegramApi telegram, URI apiUrl) {
        this.telegram = telegram;
        this.apiUrl = apiUrl;
    }

    /** What the bot is called; a rejected token or an unreachable server is a {@link SetupFailure}. */
    public BotIdentity identify() throws SetupFailure, InterruptedException {
        try {
            User me = telegram.call(new GetMe());
            return new BotIdentity(me.getId(), me.getUserName());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                throw new SetupFailure("Telegram rejected TELEGRAM_BOT_TOKEN (" + e.getErrorCode()
                        + " " + e.getApiResponse() + "): check the token @BotFather gave you", e);
            }
            throw new SetupFailure("Telegram getMe failed: " + e.getErrorCode() + " " + e.getApiResponse(), e);
        } catch (TelegramApiException e) {
            throw new SetupFailure("Cannot reach Telegram at " + apiUrl + ": " + Causes.describeRoot(e), e);
        }
    }

    /**
     * Registers the command menu in every language of {@code texts}: English for clients in any other language,
     * and one menu per language Telegram shows to users whose client is set to it. The menu is a convenience:
     * failing to set it is logged once, not fatal, and the remaining languages are not tried.
     */
    public void registerCommands(List<Command> commands, BotTexts texts) {
        try {
            for (String language : Phrasebook.LANGUAGES) {
                BotTexts inLanguage = texts.in(language);
                SetMyCommands menu = new SetMyCommands(commands.stream()
                        .map(command -> new BotCommand(command.name(), inLanguage.menuText(command)))
                        .toList());
                if (!language.equals(Phrasebook.LANGUAGES.get(0))) {
                    menu.setLanguageCode(language);
                }
                telegram.call(menu);
            }
        } catch (TelegramApiException e) {
            log.warn("Could not register the command menu: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives each admin, in their private chat with the bot, the menu with the admins' commands too; everyone else
     * keeps the public one. An admin who never wrote to the bot has no such chat yet: logged, not fatal.
     */
    public void registerAdminCommands(List<Command> commands, BotTexts texts, Set<Long> admins) {
        for (long admin : admins) {
            try {
                // a chat's own menu wins over the per-language ones for everyone: so one per language here too
                for (String language : Phrasebook.LANGUAGES) {
                    BotTexts inLanguage = texts.in(language);
                    SetMyCommands menu = SetMyCommands.builder()
                            .commands(commands.stream()
                                    .map(command -> new BotCommand(command.name(), inLanguage.menuText(command)))
                                    .toList())
                            .scope(BotCommandScopeChat.builder().chatId(admin).build()).build();
                    if (!language.equals(Phrasebook.LANGUAGES.get(0))) {
                        menu.setLanguageCode(language);
                    }
                    telegram.call(menu);
                }
            } catch (TelegramApiException e) {
                log.warn("Could not set the admins' command menu for user {} (has the admin started a chat with"
                        + " the bot?): {}", admin, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The bot cannot identify itself; the message says why in one line. */
    public static final class SetupFailure extends Exception {
        SetupFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
