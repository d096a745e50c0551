package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bot's own texts follow the language each sender's Telegram client reports. */
class LanguagesTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void help_comes_in_the_senders_language_and_in_english_for_languages_without_a_bundle() {
        assertThat(privately(ALICE, "es", "/help", 1)).contains("Recuerdo nuestras últimas 3 preguntas")
                .contains("/reset - olvidar nuestra conversación aquí");
        assertThat(privately(BOB, "pt-br", "/help", 1)).contains("/history - mostrar o que eu lembro aqui");
        assertThat(privately(ALICE, "nl", "/help", 2)).contains("I remember our last 3");
        assertThat(privately(BOB, null, "/reset", 2)).startsWith("Done");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void failures_and_notes_are_translated_but_geminis_answer_is_untouched() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.error(503, "UNAVAILABLE", "overloaded"));
        assertThat(privately(ALICE, "de", "hallo", 1))
                .isEqualTo("Gemini ist gerade nicht erreichbar. Bitte versuch es später noch einmal.");

        bot.gemini.respondWith(request -> FakeGemini.Reply.text("Hola, ¿qué tal?"));
        assertThat(privately(ALICE, "de", "hola", 2)).isEqualTo("Hola, ¿qué tal?");
    }

    @Test
    void in_a_group_each_member_is_answered_in_their_own_language() {
        sendInGroup(ALICE, "fr", "/ask");
        sendInGroup(BOB, "ru", "/ask");

        assertThat(bot.awaitSent(GROUP, 2)).extracting(FakeTelegram.Sent::text).containsExactlyInAnyOrder(
                "Que voulez-vous demander ? Écrivez-le après /ask ou après @gemini_test_bot.",
                "О чём вы хотите спросить? Напишите это после /ask или после @gemini_test_bot.");
    }

    @Test
    void the_command_menu_is_registered_for_every_language() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.telegram.commandsSet().size() == 14);

        assertThat(bot.telegram.commandMenu(null)).containsEntry("reset", "Forget our conversation here");
        assertThat(bot.telegram.commandMenu("uk")).containsEntry("reset", "Забути нашу розмову тут");
        assertThat(bot.telegram.commandMenu("zh")).containsEntry("help", "如何使用这个机器人");
        assertThat(bot.telegram.commandMenu("fa").keySet()).isEqualTo(bot.telegram.commandMenu(null).keySet());
    }

    private String privately(long userId, String languageCode, String text, int nth) {
        bot.telegram.send(bot.telegram.message(FakeTelegram.privateChat(userId), speaking(userId, languageCode), text));
        return bot.awaitSent(userId, nth).get(nth - 1).text();
    }

    private void sendInGroup(long userId, String languageCode, String text) {
        bot.telegram.send(bot.telegram.message(FakeTelegram.groupChat(GROUP), speaking(userId, languageCode), text));
    }

    private static ObjectNode speaking(long userId, String languageCode) {
        ObjectNode user = FakeTelegram.user(userId);
        if (languageCode != null) {
            user.put("language_code", languageCode);
        }
        return user;
    }
}
