package dev.geminibot.conversation;

/** Where the bytes of an {@link Attachment} come from (the messenger's file storage). */
@FunctionalInterface
public interface AttachmentSource {
    /** Never returns: for a bot that takes no files. */
    AttachmentSource NONE = attachment -> {
        throw new AttachmentException(AttachmentException.Problem.UNAVAILABLE, "no attachment source");
    };

    /**
     * The attachment's bytes, never more than the source's own limit.
     *
     * @throws AttachmentException the bytes cannot be had; its message never holds a URL or secret
     * @throws InterruptedException the bot is stopping
     */
    byte[] load(Attachment attachment) throws AttachmentException, InterruptedException;

    /**
     * Drops the bytes of recent attachments the source keeps to spare downloads (after a user's {@code /forget}:
     * the cache does not know whose files it holds, so it is emptied).
     */
    default void dropRecent() {
    }
}
