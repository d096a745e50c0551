package dev.geminibot.conversation;

import java.util.Objects;

/** One remembered question and the model's answer to it. */
public record Exchange(String question, String answer) {
    public Exchange {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }
}
