package dev.geminibot.telegram.inbound;

import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.ConversationKey;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.Command;
import dev.geminibot.requests.Commands;
import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.requests.Request;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a Telegram message is for the bot, whose conversation it belongs to and what it asks.
 *
 * <p>Private chats: every text, and every file Gemini can take (photo, voice note, audio, video, PDF, text
 * document), is for the bot. Groups: only a mention of the bot, a reply to one of its messages, or a command
 * ({@code /ask text}, {@code /ask@bot text}); other chatter is ignored. A caption counts as the message's text.
 * A question carries the files of its message and of the message it replies to ({@link MessageMedia}); the parts
 * of an album become {@link Request.AlbumPart}s. In both, the conversation is (chat, sender), so each group member
 * has a thread of their own; in a forum topic it is (chat, sender, topic), so context from one topic never
 * reaches another.
 */
public final class MessageInterpreter {
    private final BotIdentity bot;
    private final Commands commands;
    private final Pattern mention;

    public MessageInterpreter(BotIdentity bot, Commands commands) {
        this.bot = bot;
        this.commands = commands;
        this.mention = Pattern.compile("(?<![\\w@])@" + Pattern.quote(bot.username()) + "\\b",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The request in {@code update}, or empty when the bot should stay silent. */
    public Optional<Incoming> interpret(Update update) {
        return interpret(update.getUpdateId(), update.getMessage());
    }

    Optional<Incoming> interpret(long updateId, Message message) {
        if (message == null || message.getChat() == null) {
            return Optional.empty();
        }
        User from = message.getFrom();
        if (from == null || Boolean.TRUE.equals(from.getIsBot())) {
            return Optional.empty();
        }
        boolean privateChat = message.isUserMessage();
        boolean groupChat = message.isGroupMessage() || message.isSuperGroupMessage();
        if (!privateChat && !groupChat) {
            return Optional.empty();
        }
        Optional<Request> request = inAlbum(message, privateChat ? privateRequest(message) : groupRequest(message));
        return request.map(r -> new Incoming(
                updateId,
                conversation(message, from, groupChat),
                from.getId(),
                Instant.ofEpochSecond(message.getDate() == null ? 0 : message.getDate()),
                target(message, groupChat),
                r,
                from.getLanguageCode()));
    }

    private Optional<Request> privateRequest(Message message) {
        MessageMedia media = MessageMedia.of(message);
        if (media instanceof MessageMedia.Unsupported unsupported) {
            return Optional.of(new Request.UnsupportedFile(unsupported.what()));
        }
        String text = words(message);
        if (text.isEmpty() && media instanceof MessageMedia.None) {
            return hasUserContent(message) ? Optional.of(new Request.UnsupportedContent()) : Optional.empty();
        }
        Optional<CommandLine> command = CommandLine.parse(text);
        if (command.isPresent()) {
            return command.get().isFor(bot) ? Optional.of(withFiles(commandRequest(command.get()), message))
                    : Optional.empty();
        }
        return Optional.of(Request.ask(withoutMention(text), files(message)));
    }

    private Optional<Request> groupRequest(Message message) {
        String text = words(message);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<CommandLine> command = CommandLine.parse(text);
        if (command.isPresent()) {
            CommandLine line = command.get();
            if (!line.isFor(bot)) {
                return Optional.empty();
            }
            Request request = commandRequest(line);
            // A bare "/foo" in a group may be meant for another bot: only answer commands we know, and not the
            // admins' ones, which exist in private chats only.
            boolean known = !(request instanceof Request.UnknownCommand)
                    && !commands.named(line.name()).map(Command::adminOnly).orElse(false);
            boolean ours = line.addressee() != null || known;
            return ours ? Optional.of(withFiles(request, message)) : Optional.empty();
        }
        if (mention.matcher(text).find()) {
            return Optional.of(withFiles(Request.ask(withoutMention(text)), message));
        }
        if (repliesToBot(message)) {
            return Optional.of(withFiles(Request.ask(text), message));
        }
        return Optional.empty();
    }

    /**
     * A question from a message of an album becomes a part of that album's question. In a group the parts that do
     * not address the bot (usually all but the captioned one) are parts too, not addressed ones, so that the
     * captioned part's question gets all the album's files.
     */
    private static Optional<Request> inAlbum(Message message, Optional<Request> request) {
        String album = message.getMediaGroupId();
        if (album == null || album.isBlank()) {
            return request;
        }
        if (request.isPresent()) {
            return request.get() instanceof Request.Ask ask
                    ? Optional.of(new Request.AlbumPart(album, ask, true)) : request;
        }
        return MessageMedia.of(message) instanceof MessageMedia.Supported supported
                ? Optional.of(new Request.AlbumPart(album, new Request.Ask("", List.of(supported.attachment())), false))
                : request;
    }

    /** The text of a message, or the caption of its media: both address the bot the same way. */
    private static String words(Message message) {
        if (message.hasText()) {
            return message.getText();
        }
        return message.getCaption() == null ? "" : message.getCaption();
    }

    /**
     * A question (or a bare {@code /ask} or mention) gets the files of its message and of the message it replies
     * to; a file Gemini cannot take makes it an {@link Request.UnsupportedFile}.
     */
    private static Request withFiles(Request request, Message message) {
        if (!(request instanceof Request.Ask) && !(request instanceof Request.EmptyQuestion)) {
            return request;
        }
        if (MessageMedia.of(message) instanceof MessageMedia.Unsupported unsupported) {
            return new Request.UnsupportedFile(unsupported.what());
        }
        String question = request instanceof Request.Ask ask ? ask.question() : "";
        return Request.ask(question, files(message));
    }

    /** The files Gemini can take from {@code message} and from the message it replies to. */
    private static List<Attachment> files(Message message) {
        List<Message> messages = new ArrayList<>();
        if (message.getReplyToMessage() != null) {
            messages.add(message.getReplyToMessage());
        }
        messages.add(message);
        return MessageMedia.supported(messages);
    }

    private Request commandRequest(CommandLine line) {
        return commands.named(line.name())
                .map(command -> command.request(withoutMention(line.arguments())))
                .orElseGet(() -> new Request.UnknownCommand(line.name()));
    }

    private String withoutMention(String text) {
        return mention.matcher(text).replaceAll("").replaceAll("[ \\t]{2,}", " ").strip();
    }

    private boolean repliesToBot(Message message) {
        Message replied = message.getReplyToMessage();
        return replied != null && replied.getFrom() != null && replied.getFrom().getId() == bot.id();
    }

    /** (chat, sender), and in a group's forum topic (chat, sender, topic): topics never share context. */
    private static ConversationKey conversation(Message message, User from, boolean groupChat) {
        Integer topic = groupChat && message.isTopicMessage() ? message.getMessageThreadId() : null;
        return topic == null || topic <= 0
                ? new ConversationKey(message.getChatId(), from.getId())
                : new ConversationKey(message.getChatId(), from.getId(), topic);
    }

    private static ReplyTarget target(Message message, boolean groupChat) {
        Integer thread = message.isTopicMessage() ? message.getMessageThreadId() : null;
        return new ReplyTarget(message.getChatId(), thread, groupChat ? message.getMessageId() : null);
    }

    private static boolean hasUserContent(Message message) {
        return message.hasSticker() || message.hasPhoto() || message.hasVideo() || message.hasDocument()
                || message.hasVoice() || message.hasAudio() || message.hasAnimation() || message.hasVideoNote()
                || message.hasLocation() || message.hasContact() || message.hasPoll() || message.hasDice();
    }
}
