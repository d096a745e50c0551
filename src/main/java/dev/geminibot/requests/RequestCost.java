package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;

/**
 * What answering one request cost, for its log line: the tokens of the answer the model gave. Set (not added to:
 * a store write may be applied again after a failed commit) on the request's lane.
 */
final class RequestCost {
    private volatile Answer.Tokens tokens = Answer.Tokens.NONE;

    void answered(Answer.Tokens tokens) {
        this.tokens = tokens;
    }

    Answer.Tokens tokens() {
        return tokens;
    }
}
