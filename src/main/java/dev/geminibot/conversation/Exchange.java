package dev.geminibot.conversation;

import java.util.Objects;

/** One remembered question and the model's answer to it. */
public record Exchange(String question, String answer) {
    /** Ends an answer remembered as the user stopped it: the model (and /history) see that it was cut. */
    public static final String CUT_MARK = "\n\n[cut: the user stopped this answer]";

    public Exchange {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }

    /** The answer was stopped by the user before the model finished it. */
    public boolean cut() {
        return answer.endsWith(CUT_MARK);
    }
}
