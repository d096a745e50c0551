package dev.geminibot.conversation;

import java.util.List;
import java.util.Objects;

/**
 * What a user asks: their words and the files they sent or pointed at. Either may be empty, not both.
 *
 * @param text          the user's words (a caption for media); empty when they sent only files
 * @param replyLanguage the user's language in English ("Spanish"), for the request the bot words for files sent
 *                      without any (Gemini answers in the language it is asked in); empty if not known
 */
public record Question(String text, List<Attachment> attachments, String replyLanguage) {
    public Question {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(replyLanguage, "replyLanguage");
        attachments = List.copyOf(attachments);
        if (text.isBlank() && attachments.isEmpty()) {
            throw new IllegalArgumentException("A question needs words or an attachment");
        }
    }

    public Question(String text, List<Attachment> attachments) {
        this(text, attachments, "");
    }

    /** The same question from someone whose language is {@code language} (in English; empty: not known). */
    public Question replyingIn(String language) {
        return new Question(text, attachments, language);
    }

    /** A question in words only. */
    public static Question of(String text) {
        return new Question(text, List.of());
    }

    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }

    /**
     * The words the model gets: the user's, or, when they sent files without any, a request that makes sense for
     * those files (a voice note alone is the user speaking to the bot).
     */
    public String prompt() {
        if (!text.isBlank()) {
            return text;
        }
        return defaultPrompt() + (replyLanguage.isBlank() ? "" : " Reply in " + replyLanguage + ".");
    }

    private String defaultPrompt() {
        boolean allAudio = attachments.stream().allMatch(a -> a.kind() == Attachment.Kind.AUDIO);
        boolean allImages = attachments.stream().allMatch(a -> a.kind() == Attachment.Kind.IMAGE);
        if (allAudio) {
            return "Listen to this recording. If it is someone speaking to you, answer them as if they had written "
                    + "it (in their language); otherwise describe what you hear.";
        }
        if (allImages) {
            return attachments.size() == 1 ? "Describe this image. If it contains a question or a task, answer it."
                    : "Describe these images. If they contain a question or a task, answer it.";
        }
        return attachments.size() == 1 ? "Summarise this file. If it contains a question or a task, answer it."
                : "Summarise these files. If they contain a question or a task, answer it.";
    }
}
