package dev.geminibot.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file sent with a question, by reference: what the bot remembers instead of the file's bytes. The
 * {@code handle} is opaque to the core (the messenger's file id); an {@link AttachmentSource} turns it back into
 * bytes when a request to the model is built.
 *
 * @param mimeType what the model is told the bytes are (text documents: {@code text/plain})
 * @param size the size in bytes as the messenger reported it; 0 if unknown
 * @param label how the user sees it in {@code /history}, e.g. {@code photo} or {@code voice 0:12}
 */
public record Attachment(Kind kind, String handle, String mimeType, long size, String label) {
    public Attachment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(label, "label");
        if (handle.isBlank()) {
            throw new IllegalArgumentException("An attachment needs a handle");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }

    /** What the model gets: the content type the bytes are sent as. */
    public enum Kind {
        IMAGE, AUDIO, VIDEO, PDF,
        /** A text document (txt, md, csv, json, source code): sent to the model as text. */
        TEXT
    }

    /** The remembered form: plain values only, so that LangChain4j's JSON keeps it as it is. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind.name());
        map.put("handle", handle);
        map.put("mime", mimeType);
        map.put("size", size);
        map.put("label", label);
        return map;
    }

    /** The attachment remembered as {@link #toMap()}; empty if the entry is not one (then it is left out). */
    static Optional<Attachment> fromMap(Object stored) {
        if (!(stored instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Attachment(Kind.valueOf(String.valueOf(map.get("kind"))),
                    (String) map.get("handle"), (String) map.get("mime"),
                    map.get("size") instanceof Number n ? n.longValue() : 0, (String) map.get("label")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
