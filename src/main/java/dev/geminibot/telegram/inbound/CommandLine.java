package dev.geminibot.telegram.inbound;

import dev.geminibot.requests.BotIdentity;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bot command as Telegram writes it: {@code /name}, optionally {@code @botname}, then arguments.
 *
 * @param addressee the bot named after {@code @}, or null when the command names none
 */
record CommandLine(String name, String addressee, String arguments) {
    private static final Pattern COMMAND =
            Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?$", Pattern.DOTALL);

    static Optional<CommandLine> parse(String text) {
        Matcher matcher = COMMAND.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String arguments = matcher.group(3) == null ? "" : matcher.group(3).strip();
        return Optional.of(new CommandLine(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2), arguments));
    }

    boolean isFor(BotIdentity bot) {
        return addressee == null || addressee.equalsIgnoreCase(bot.username());
    }
}
