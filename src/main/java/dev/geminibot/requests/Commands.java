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
            new Command("history", true,
                    new Command.Reply((conversation, tools) ->
                            tools.texts().history(tools.conversations().history(conversation), tools.format()))),
            new Command("help", true,
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().help(tools.commands().helpLines(tools.texts()))))),
            new Command("start", false,
                    new Command.Reply((conversation, tools) ->
                            tools.format().text(tools.texts().start(tools.commands().helpLines(tools.texts()))))));

    /** Every command, in the order of Telegram's menu. */
    public List<Command> all() {
        return all;
    }

    /** The command called {@code name} (case-insensitive), if the bot has one. */
    public Optional<Command> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return all.stream().filter(command -> command.name().equals(lower)).findFirst();
    }

    /** The lines {@code /help} lists: {@code /name - what it does}, in the language of {@code texts}. */
    List<String> helpLines(BotTexts texts) {
        return all.stream()
                .filter(Command::listedInHelp)
                .map(command -> "/" + command.name() + " - " + texts.helpText(command))
                .toList();
    }
}
