package dev.geminibot.conversation;

import java.util.List;
import java.util.Objects;

/**
 * One remembered question and the model's answer to it.
 *
 * @param question the user's words; empty if they sent only files
 * @param attachments the labels of the files sent with the question ({@code photo}, {@code voice 0:12})
 */
public record Exchange(String question, String answer, List<String> attachments) {
    /** Ends an answer remembered as the user stopped it: the model (and /history) see that it was cut. */
    public static final String CUT_MARK = "\n\n[cut: the user stopped this answer]";

    public Exchange {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        attachments = List.copyOf(attachments);
    }

    /** An exchange in words only. */
    public Exchange(String question, String answer) {
        this(question, answer, List.of());
    }

    /** The answer was stopped by the user before the model finished it. */
    public boolean cut() {
        return answer.endsWith(CUT_MARK);
    }
}
