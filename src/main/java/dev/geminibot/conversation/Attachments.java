package dev.geminibot.conversation;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Questions with files, both ways: remembered as a plain user message whose attributes list the attachments by
 * reference (never their bytes), and sent to the model with each attachment's bytes loaded from the
 * {@link AttachmentSource} as the matching LangChain4j content (image, audio, video, PDF; text documents as text).
 *
 * <p>Memory is bounded by a budget of media bytes in flight: a request holds its attachments' reported sizes (at
 * most one request's worth, at most the whole budget) from before the first download until the model has
 * answered, and waits its turn while the budget is used up. Each file byte in flight costs about ten bytes of
 * heap at the peak (the download, base64, and the LangChain4j client's JSON of the request as chars, then as a
 * string, then as the HTTP body), so the heap needs about ten times the budget, or ten times the largest
 * request when that is larger.
 */
public final class Attachments {
    private static final Logger log = LoggerFactory.getLogger(Attachments.class);
    private static final String ATTACHMENTS = "attachments";
    /** Set on a remembered question whose words were the bot's default prompt, not the user's. */
    private static final String NO_CAPTION = "no_caption";

    /** No files: questions with attachments cannot be answered. */
    public static final Attachments NONE = new Attachments(AttachmentSource.NONE, 1, 1);

    private final AttachmentSource source;
    private final long maxRequestBytes;
    private final long budgetKib;
    private final Semaphore budget;

    /**
     * @param maxRequestBytes the most file bytes one request to the model carries (the model's inline limit)
     * @param budgetBytes the most file bytes held for requests in flight at once, all conversations together
     */
    public Attachments(AttachmentSource source, long maxRequestBytes, long budgetBytes) {
        this.source = Objects.requireNonNull(source, "source");
        if (maxRequestBytes < 1 || budgetBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxRequestBytes = maxRequestBytes;
        this.budgetKib = Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / 1024));
        this.budget = new Semaphore((int) budgetKib, true);
    }

    /** See {@link AttachmentSource#dropRecent}. */
    void dropRecent() {
        source.dropRecent();
    }

    /** The most file bytes one request carries. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The remembered form of {@code question}: its words (or the prompt used) and its attachments by reference. */
    static UserMessage remembered(Question question) {
        if (!question.hasAttachments()) {
            return UserMessage.from(question.text());
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ATTACHMENTS, question.attachments().stream().map(Attachment::toMap).toList());
        if (question.text().isBlank()) {
            attributes.put(NO_CAPTION, true);
        }
        return UserMessage.builder().contents(List.of(TextContent.from(question.prompt()))).attributes(attributes).build();
    }

    /** The question a remembered user message asked. */
    static Question question(UserMessage message) {
        List<Attachment> attachments = attachmentsOf(message);
        String text = textOf(message);
        if (attachments.isEmpty()) {
            return Question.of(text.isBlank() ? "?" : text);
        }
        return new Question(Boolean.TRUE.equals(message.attributes().get(NO_CAPTION)) ? "" : text, attachments);
    }

    static List<Attachment> attachmentsOf(UserMessage message) {
        if (!(message.attributes().get(ATTACHMENTS) instanceof List<?> stored)) {
            return List.of();
        }
        return stored.stream().flatMap(entry -> Attachment.fromMap(entry).stream()).toList();
    }

    private static String textOf(UserMessage message) {
        return message.contents().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /**
     * The request's messages with every attachment's bytes in place, holding their share of the budget until
     * closed. The new question's files must all load and fit, else it fails; remembered files that are gone or do
     * not fit beside them (newest kept first) are replaced by a short note to the model.
     *
     * @throws AttachmentException a file of the new question cannot be used
     * @throws InterruptedException the bot is stopping
     */
    Loaded load(List<ChatMessage> remembered, Question question) throws AttachmentException, InterruptedException {
        List<Attachment> all = new ArrayList<>(question.attachments());
        remembered.forEach(m -> {
            if (m instanceof UserMessage user) {
                all.addAll(attachmentsOf(user));
            }
        });
        if (all.isEmpty()) {
            List<ChatMessage> messages = new ArrayList<>(remembered);
            messages.add(UserMessage.from(question.text()));
            return new Loaded(messages, 0);
        }
        long fresh = question.attachments().stream().mapToLong(a -> charge(a.size())).sum();
        if (question.attachments().stream().anyMatch(a -> a.size() > maxRequestBytes) || fresh > maxRequestBytes) {
            throw new AttachmentException(AttachmentException.Problem.TOO_BIG_FOR_MODEL, "over the request limit");
        }
        // what the request will hold: its files' reported sizes, never more than one request carries
        long holding = Math.min(maxRequestBytes, all.stream().mapToLong(a -> charge(a.size())).sum());
        int permits = (int) Math.min(budgetKib, (holding + 1023) / 1024);
        budget.acquire(permits);
        try {
            Loading loading = new Loading();
            UserMessage current = loading.withBytes(question, true);
            // remembered files: the newest first get the room left
            List<ChatMessage> messages = new ArrayList<>(remembered.size() + 1);
            for (int i = remembered.size() - 1; i >= 0; i--) {
                ChatMessage m = remembered.get(i);
                messages.addFirst(m instanceof UserMessage user && !attachmentsOf(user).isEmpty()
                        ? loading.withBytes(question(user), false) : m);
            }
            messages.add(current);
            return new Loaded(messages, permits);
        } catch (AttachmentException | InterruptedException | RuntimeException e) {
            budget.release(permits);
            throw e;
        }
    }

    private long charge(long size) {
        return size == 0 ? maxRequestBytes : size;
    }

    /** One request's files as they are loaded, with the room left. */
    private final class Loading {
        private long room = maxRequestBytes;
        private final Map<String, byte[]> loaded = new LinkedHashMap<>(); // one file pointed at twice is read once

        UserMessage withBytes(Question question, boolean required) throws AttachmentException, InterruptedException {
            List<Content> contents = new ArrayList<>();
            contents.add(TextContent.from(question.prompt()));
            for (Attachment attachment : question.attachments()) {
                try {
                    contents.add(content(attachment, bytes(attachment)));
                } catch (AttachmentException e) {
                    if (required) {
                        throw e;
                    }
                    log.info("A remembered {} is left out of the request: {}", attachment.kind(), e.getMessage());
                    contents.add(TextContent.from("[The " + attachment.label() + " sent earlier is no longer available.]"));
                }
            }
            return UserMessage.from(contents);
        }

        private byte[] bytes(Attachment attachment) throws AttachmentException, InterruptedException {
            byte[] known = loaded.get(attachment.handle());
            if (known != null) {
                return known;
            }
            if (charge(attachment.size()) > room) {
                throw new AttachmentException(AttachmentException.Problem.TOO_BIG_FOR_MODEL, "no room left in the request");
            }
            byte[] bytes = source.load(attachment);
            if (bytes.length > room) {
                throw new AttachmentException(AttachmentException.Problem.TOO_BIG_FOR_MODEL, "over the request limit");
            }
            room -= bytes.length;
            loaded.put(attachment.handle(), bytes);
            return bytes;
        }
    }

    private static Content content(Attachment attachment, byte[] bytes) throws AttachmentException {
        return switch (attachment.kind()) {
            case IMAGE -> ImageContent.from(base64(bytes), attachment.mimeType());
            case AUDIO -> AudioContent.from(base64(bytes), attachment.mimeType());
            case VIDEO -> VideoContent.from(base64(bytes), attachment.mimeType());
            case PDF -> PdfFileContent.from(base64(bytes), attachment.mimeType());
            case TEXT -> TextContent.from("Contents of the " + attachment.label() + ":\n" + utf8(bytes));
        };
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String utf8(byte[] bytes) throws AttachmentException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw new AttachmentException(AttachmentException.Problem.UNREADABLE, "a text document holds NUL bytes");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new AttachmentException(AttachmentException.Problem.UNREADABLE, "a text document is not UTF-8");
        }
    }

    /** A request's messages with their files' bytes; closing gives their share of the budget back. */
    final class Loaded implements AutoCloseable {
        private final List<ChatMessage> messages;
        private int permits;

        private Loaded(List<ChatMessage> messages, int permits) {
            this.messages = messages;
            this.permits = permits;
        }

        List<ChatMessage> messages() {
            return messages;
        }

        @Override
        public void close() {
            if (permits > 0) {
                budget.release(permits);
                permits = 0;
            }
        }
    }
}
