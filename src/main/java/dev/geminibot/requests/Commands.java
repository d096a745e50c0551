package dev.geminibot.requests;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of the bot's commands, in menu order, each defined once ({@link Command}): the interpreter
 * looks names up here, {@code /help} lists them from here, Telegram's command menu ({@code setMyCommands}) is
 * registered from here, and {@link RequestHandler} runs them from here.
 */
public final class Commands {
    private final List<Command> all = List.of(
            new Command("ask", "Ask Gemini (in groups: /ask your question)", Optional.empty(),
                    new Command.AskQuestion()),
            new Command("retry", "Answer my last question again", Optional.of("answer my last question again"),
                    new Command.AskAgain()),
            new Command("reset", "Forget our conversation here", Optional.of("forget our conversation here"),
                    new Command.Reply((conversation, tools) -> {
                        tools.conversations().forget(conversation);
                        return tools.format().text(tools.texts().resetDone());
                    })),
            new Command("forget", "Delete everything you keep about me", Optional.of(
                    "delete everything I keep about you, in every chat"), new Command.ForgetSender()),
            new Command("history", "Show what I remember here", Optional.of("show what I remember here"),
                    new Command.Reply((conversation, tools) ->
                            tools.texts().history(tools.conversations().history(conversation), tools.format()))),
            new Command("help", "How to use this bot", Optional.of("this message"),
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().help(tools.commands().helpLines())))),
            new Command("start", "What this bot does", Optional.empty(),
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().start(tools.commands().helpLines())))));

    /** Only for BOT_ADMIN_USERS: never in the menu or the help; to anyone else, unknown commands. */
    private final List<Command> adminOnly = List.of(
            new Command("stats", "Usage and errors", Optional.of("users, questions, tokens and errors"),
                    new Command.AdminReply((arguments, admin) -> admin.stats())),
            new Command("allow", "Let a user in: /allow <user id>", Optional.of("<user id> - let a user in"),
                    new Command.AdminReply((arguments, admin) -> admin.allow(arguments))),
            new Command("deny", "Shut a user out: /deny <user id>", Optional.of("<user id> - shut a user out"),
                    new Command.AdminReply((arguments, admin) -> admin.deny(arguments))));

    /** Every command for everyone, in the order of Telegram's menu. */
    public List<Command> all() {
        return all;
    }

    /** The admins' commands, in menu order. */
    public List<Command> adminOnly() {
        return adminOnly;
    }

    /** The command called {@code name} (case-insensitive), if the bot has one (admins' commands included). */
    public Optional<Command> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.concat(all.stream(), adminOnly.stream())
                .filter(command -> command.name().equals(lower)).findFirst();
    }

    /** The lines {@code /help} lists: {@code /name - what it does}. */
    List<String> helpLines() {
        return all.stream()
                .flatMap(command -> command.helpLine().map(line -> "/" + command.name() + " - " + line).stream())
                .toList();
    }
}
