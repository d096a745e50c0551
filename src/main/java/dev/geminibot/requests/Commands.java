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
            new Command("ask", false,
                    new Command.AskQuestion()),
            new Command("retry", true,
                    new Command.AskAgain()),
            new Command("reset", true,
                    new Command.Reply((conversation, tools) -> {
                        tools.conversations().forget(conversation);
                        return tools.format().text(tools.texts().resetDone());
                    })),
            new Command("forget", true, new Command.ForgetSender()),
            new Command("history", true,
                    new Command.Reply((conversation, tools) ->
                            tools.texts().history(tools.conversations().history(conversation), tools.format()))),
            new Command("help", true,
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().help(tools.commands().helpLines(tools.texts()))))),
            new Command("start", false,
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().start(tools.commands().helpLines(tools.texts()))))));

    /** Only for BOT_ADMIN_USERS: never in the menu or the help; to anyone else, unknown commands. */
    private final List<Command> adminOnly = List.of(
            new Command("stats", false, new Command.AdminReply((arguments, admin) -> admin.stats())),
            new Command("allow", false, new Command.AdminReply((arguments, admin) -> admin.allow(arguments))),
            new Command("deny", false, new Command.AdminReply((arguments, admin) -> admin.deny(arguments))));

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

    /** The lines {@code /help} lists: {@code /name - what it does}, in the language of {@code texts}. */
    List<String> helpLines(BotTexts texts) {
        return all.stream()
                .filter(Command::listedInHelp)
                .map(command -> "/" + command.name() + " - " + texts.helpText(command))
                .toList();
    }
}
