package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;

/**
 * What answering one request cost, for its log line and metrics: the tokens of the answer the model gave, or that
 * a daily limit refused it. Set (not added to: a store write may be applied again after a failed commit) on the
 * request's lane.
 */
final class RequestCost {
    private volatile Answer.Tokens tokens = Answer.Tokens.NONE;
    private volatile boolean refusedByDailyLimit;

    void refusedByDailyLimit() {
        this.refusedByDailyLimit = true;
    }

    /** A question refused for a daily limit is not an answer: it gets a kind of its own in logs and metrics. */
    String kind(Request request) {
        return refusedByDailyLimit ? "daily_limit" : RequestHandler.kind(request);
    }

    void answered(Answer.Tokens tokens) {
        this.tokens = tokens;
    }

    Answer.Tokens tokens() {
        return tokens;
    }
}
