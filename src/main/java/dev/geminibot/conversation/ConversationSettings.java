package dev.geminibot.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ConversationService} answers: the system instruction, how much it remembers, how many model calls
 * run and wait at once, and how long a streamed answer may take. Validated here, so the service never checks.
 *
 * @param memoryExchanges how many previous question/answer pairs go with each request; 0 remembers nothing
 * @param maxConcurrentRequests how many model requests may be in flight at once; the rest wait in order
 * @param maxQueue how many may wait; beyond that a request fails at once as {@link ModelFailure#BUSY}
 * @param streamTimeout the longest a streamed answer may take in all
 * @param firstTextTimeout how long after its first call to the model a request may go on without any text of
 *     the answer: retries and the fallback from streaming happen only within it
 */
public record ConversationSettings(String systemInstruction, int memoryExchanges, int maxConcurrentRequests,
                                   int maxQueue, Duration streamTimeout, Duration firstTextTimeout) {
    public ConversationSettings {
        Objects.requireNonNull(systemInstruction, "systemInstruction");
        Objects.requireNonNull(streamTimeout, "streamTimeout");
        Objects.requireNonNull(firstTextTimeout, "firstTextTimeout");
        if (memoryExchanges < 0) {
            throw new IllegalArgumentException("memoryExchanges must be >= 0, got " + memoryExchanges);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, got " + maxConcurrentRequests);
        }
        if (maxQueue < 0) {
            throw new IllegalArgumentException("maxQueue must be >= 0, got " + maxQueue);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names every number at the call site; unset values are the bot's defaults. */
    public static final class Builder {
        private String systemInstruction = "";
        private int memoryExchanges = 3;
        private int maxConcurrentRequests = 256;
        private int maxQueue = 1000;
        private Duration streamTimeout = Duration.ofMinutes(5);
        private Duration firstTextTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder systemInstruction(String systemInstruction) {
            this.systemInstruction = systemInstruction;
            return this;
        }

        public Builder memoryExchanges(int memoryExchanges) {
            this.memoryExchanges = memoryExchanges;
            return this;
        }

        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        public Builder maxQueue(int maxQueue) {
            this.maxQueue = maxQueue;
            return this;
        }

        public Builder streamTimeout(Duration streamTimeout) {
            this.streamTimeout = streamTimeout;
            return this;
        }

        public Builder firstTextTimeout(Duration firstTextTimeout) {
            this.firstTextTimeout = firstTextTimeout;
            return this;
        }

        public ConversationSettings build() {
            return new ConversationSettings(systemInstruction, memoryExchanges, maxConcurrentRequests, maxQueue,
                    streamTimeout, firstTextTimeout);
        }
    }
}
