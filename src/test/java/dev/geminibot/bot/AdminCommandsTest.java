package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini.Reply;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static dev.geminibot.testbed.People.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** BOT_ADMIN_USERS: /stats, /allow and /deny for admins only; BOT_ALLOWED_CHATS for groups. */
class AdminCommandsTest {
    private static final long LISTED_GROUP = -1001111111111L;
    private static final long OTHER_GROUP = -1002222222222L;
    private static final String NOT_ALLOWED = "Sorry, this bot is private and you are not on its list of users.";

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_ADMIN_USERS", String.valueOf(ALICE),
            "GEMINI_RETRY_BACKOFF", "10ms");

    @Test
    void to_anyone_but_an_admin_the_admin_commands_do_not_exist_not_even_in_the_menu_or_the_help_and_admins_get_their_own_menu() {
        assertThat(bot.ask(BOB, "/stats")).isEqualTo("I don't know /stats. Try /help.");
        assertThat(bot.ask(BOB, "/allow " + BOB)).isEqualTo("I don't know /allow. Try /help.");
        assertThat(bot.ask(BOB, "/deny " + ALICE)).isEqualTo("I don't know /deny. Try /help.");
        assertThat(bot.ask(BOB, "/help")).doesNotContain("/stats", "/allow", "/deny");
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.telegram.scopedCommandsSet().size() == 14);
        assertThat(bot.telegram.commandsSet()).hasSize(14).allSatisfy(menu ->
                assertThat(menu.path("commands").toString()).doesNotContain("stats", "allow", "deny"));
        assertThat(bot.telegram.scopedCommandsSet()).hasSize(14).allSatisfy(call -> {
            assertThat(call.path("scope").path("type").asText()).isEqualTo("chat");
            assertThat(call.path("scope").path("chat_id").asText()).isEqualTo(String.valueOf(ALICE));
            assertThat(call.path("commands").toString()).contains("\"stats\"", "\"allow\"", "\"deny\"", "\"help\"");
        });
        assertThat(bot.telegram.scopedCommandsSet()).filteredOn(call -> call.path("language_code").asText().equals("de"))
                .singleElement().satisfies(call ->
                        assertThat(call.path("commands").toString()).contains("So benutzt du diesen Bot"));
        assertThat(bot.ask(BOB, "still me")).isEqualTo("Answer to: still me"); // Bob was not shut out
    }

    @Test
    void stats_shows_users_questions_tokens_today_and_in_all_and_errors_by_kind() {
        bot.ask(BOB, "one");
        bot.ask(CAROL, "two");
        bot.ask(BOB, "/help"); // commands never count
        bot.gemini.respondWith(request -> Reply.error(404, "NOT_FOUND", "models/x is not found"));
        bot.ask(BOB, "fails"); // failures never count

        assertThat(bot.ask(ALICE, "/stats")).isEqualTo("""
                Users answered: 2 today, 2 in all
                Questions answered: 2 today, 2 in all
                Tokens: 30 today, 30 in all
                Errors since the start: gemini ModelNotFoundException: 1
                Allowed by /allow: nobody
                Denied by /deny: nobody""");
    }

    @Test
    @BotEnv("BOT_ALLOWED_USERS=" + CAROL)
    void an_admin_lets_users_in_and_shuts_them_out_at_run_time_and_it_survives_a_restart() throws Exception {
        assertThat(bot.ask(BOB, "let me in")).isEqualTo(NOT_ALLOWED);

        assertThat(bot.ask(ALICE, "/allow " + BOB)).isEqualTo("User " + BOB + " may use the bot now.");
        assertThat(bot.ask(BOB, "now?")).isEqualTo("Answer to: now?");
        assertThat(bot.ask(ALICE, "/deny " + CAROL)).isEqualTo("User " + CAROL + " may no longer use the bot.");
        assertThat(bot.ask(CAROL, "me?")).isEqualTo(NOT_ALLOWED);
        assertThat(bot.ask(ALICE, "/deny " + ALICE)).isEqualTo("User " + ALICE
                + " is an admin (BOT_ADMIN_USERS) and cannot be denied.");
        assertThat(bot.ask(ALICE, "/allow someone")).isEqualTo("Please give a numeric Telegram user id: /allow 123456789");

        bot.restart();

        assertThat(bot.ask(BOB, "still in?")).isEqualTo("Answer to: still in?");
        int before = bot.telegram.sentTo(CAROL).size();
        assertThat(bot.ask(CAROL, "and me?")).isEqualTo(NOT_ALLOWED); // refused once per run
        assertThat(bot.ask(ALICE, "/stats")).endsWith("Allowed by /allow: " + BOB + "\nDenied by /deny: " + CAROL);
        assertThat(bot.telegram.sentTo(CAROL)).hasSize(before + 1);
    }

    @Test
    @BotEnv({"BOT_DAILY_MESSAGES=1", "BOT_ALLOWED_USERS=" + BOB})
    void an_admin_is_never_refused_or_limited() {
        assertThat(bot.ask(ALICE, "one")).isEqualTo("Answer to: one");
        assertThat(bot.ask(ALICE, "two")).isEqualTo("Answer to: two");
    }

    @Test
    @BotEnv("BOT_ALLOWED_CHATS=" + LISTED_GROUP)
    void in_a_group_not_on_the_list_the_bot_says_once_that_it_is_not_enabled_there() throws Exception {
        bot.telegram.groupText(OTHER_GROUP, BOB, "/ask hello");
        assertThat(bot.awaitSent(OTHER_GROUP, 1).get(0).text()).isEqualTo("Sorry, this bot is not enabled for this group.");
        bot.telegram.groupText(OTHER_GROUP, BOB, "/ask again");
        bot.telegram.groupText(LISTED_GROUP, BOB, "/ask hello");

        assertThat(bot.awaitSent(LISTED_GROUP, 1).get(0).text()).isEqualTo("Answer to: hello");
        bot.settle();
        assertThat(bot.telegram.sentTo(OTHER_GROUP)).extracting(FakeTelegram.Sent::text)
                .containsExactly("Sorry, this bot is not enabled for this group.");
        assertThat(bot.ask(BOB, "private chats are a matter of users")).startsWith("Answer to:");
        assertThat(bot.gemini.requests()).hasSize(2);
    }

    @Test
    void admin_commands_work_in_private_chats_only_and_a_bare_one_in_a_group_is_left_to_other_bots() throws Exception {
        bot.telegram.groupText(LISTED_GROUP, ALICE, "/stats@gemini_test_bot");
        bot.telegram.groupText(LISTED_GROUP, BOB, "/stats");
        bot.telegram.groupText(LISTED_GROUP, BOB, "/ask hello");

        bot.awaitSent(LISTED_GROUP, 2);
        bot.settle();
        assertThat(bot.telegram.sentTo(LISTED_GROUP)).extracting(FakeTelegram.Sent::text)
                .containsExactlyInAnyOrder("I don't know /stats. Try /help.", "Answer to: hello");
        assertThat(bot.ask(ALICE, "/stats")).startsWith("Users answered:");
    }
}
