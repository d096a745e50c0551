package dev.geminibot.telegram.inbound;

import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.Attachment.Kind;
import org.telegram.telegrambots.meta.api.objects.Audio;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Video;
import org.telegram.telegrambots.meta.api.objects.VideoNote;
import org.telegram.telegrambots.meta.api.objects.Voice;
import org.telegram.telegrambots.meta.api.objects.games.Animation;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.stickers.Sticker;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file a Telegram message carries, as an {@link Attachment} Gemini can take (by reference: the file id), or
 * what it is when Gemini cannot take it. Voice notes are OGG/Opus ({@code audio/ogg}); video notes MP4; a
 * document is sent as the kind its MIME type or, for text, its file name says.
 */
sealed interface MessageMedia {
    /** The message carries no file (text, location, contact, poll...). */
    record None() implements MessageMedia {
    }

    /** A file Gemini can take. */
    record Supported(Attachment attachment) implements MessageMedia {
    }

    /** A file Gemini cannot take; {@code what} names it for the user. */
    record Unsupported(String what) implements MessageMedia {
    }

    Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif");
    Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/x-yaml", "application/yaml",
            "application/javascript", "application/x-sh", "application/sql", "application/x-python",
            "application/toml", "application/x-tex", "application/csv");
    Set<String> TEXT_EXTENSIONS = Set.of("txt", "md", "markdown", "csv", "tsv", "json", "jsonl", "xml", "yaml", "yml",
            "toml", "ini", "cfg", "conf", "properties", "log", "html", "htm", "css", "js", "mjs", "ts", "tsx", "jsx",
            "py", "java", "kt", "kts", "scala", "groovy", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cs", "swift",
            "m", "rb", "php", "pl", "lua", "r", "sh", "bash", "zsh", "ps1", "bat", "sql", "tex", "srt", "vtt", "diff",
            "patch", "gradle", "dockerfile", "makefile", "proto", "graphql", "vue", "svelte", "dart", "ex", "exs",
            "erl", "hs", "clj", "ml", "fs", "jl", "nim", "zig", "adoc", "rst", "org");
    int NAME_IN_LABEL = 40;

    /** The file {@code message} carries. */
    static MessageMedia of(Message message) {
        if (message.hasPhoto()) {
            return message.getPhoto().stream().max(Comparator.comparingLong(MessageMedia::pixels))
                    .<MessageMedia>map(p -> supported(Kind.IMAGE, p.getFileId(), "image/jpeg", p.getFileSize(), "photo"))
                    .orElse(new None());
        }
        if (message.hasVoice()) {
            Voice voice = message.getVoice();
            return supported(Kind.AUDIO, voice.getFileId(), "audio/ogg", voice.getFileSize(),
                    "voice" + duration(voice.getDuration()));
        }
        if (message.hasVideoNote()) {
            VideoNote note = message.getVideoNote();
            return supported(Kind.VIDEO, note.getFileId(), "video/mp4", note.getFileSize(),
                    "video note" + duration(note.getDuration()));
        }
        if (message.hasAudio()) {
            Audio audio = message.getAudio();
            String name = audio.getTitle() != null ? audio.getTitle() : audio.getFileName();
            return supported(Kind.AUDIO, audio.getFileId(), type(audio.getMimeType(), "audio/mpeg"), audio.getFileSize(),
                    "audio" + named(name) + duration(audio.getDuration()));
        }
        if (message.hasVideo()) {
            Video video = message.getVideo();
            return supported(Kind.VIDEO, video.getFileId(), type(video.getMimeType(), "video/mp4"), video.getFileSize(),
                    "video" + duration(video.getDuration()));
        }
        if (message.hasAnimation()) { // a GIF: Telegram converts it to a silent MP4
            Animation animation = message.getAnimation();
            return supported(Kind.VIDEO, animation.getFileId(), type(animation.getMimeType(), "video/mp4"),
                    animation.getFileSize(), "GIF");
        }
        if (message.hasDocument()) {
            return document(message.getDocument());
        }
        if (message.hasSticker()) {
            Sticker sticker = message.getSticker();
            boolean moving = Boolean.TRUE.equals(sticker.getIsAnimated()) || Boolean.TRUE.equals(sticker.getIsVideo());
            return moving ? new Unsupported("animated sticker") : new None(); // a plain sticker keeps its own reply
        }
        return new None();
    }

    private static MessageMedia document(Document document) {
        String type = type(document.getMimeType(), "application/octet-stream");
        String name = document.getFileName() == null ? "" : document.getFileName();
        String extension = extension(name);
        Long size = document.getFileSize();
        if (IMAGE_TYPES.contains(type)) {
            return supported(Kind.IMAGE, document.getFileId(), type, size, "image" + named(name));
        }
        if (type.equals("application/pdf") || extension.equals("pdf")) {
            return supported(Kind.PDF, document.getFileId(), "application/pdf", size, "PDF" + named(name));
        }
        if (type.startsWith("audio/")) {
            return supported(Kind.AUDIO, document.getFileId(), type, size, "audio" + named(name));
        }
        if (type.startsWith("video/")) {
            return supported(Kind.VIDEO, document.getFileId(), type, size, "video" + named(name));
        }
        if (type.startsWith("text/") || TEXT_TYPES.contains(type) || TEXT_EXTENSIONS.contains(extension)
                || TEXT_EXTENSIONS.contains(name.toLowerCase(Locale.ROOT))) {
            return supported(Kind.TEXT, document.getFileId(), "text/plain", size, "document" + named(name));
        }
        return new Unsupported(name.isEmpty() ? "file (" + type + ")" : "file (" + shortName(name) + ")");
    }

    private static MessageMedia supported(Kind kind, String fileId, String mimeType, Number size, String label) {
        if (fileId == null || fileId.isBlank()) {
            return new Unsupported("file");
        }
        return new Supported(new Attachment(kind, fileId, mimeType, size == null ? 0 : Math.max(0, size.longValue()),
                label));
    }

    private static long pixels(PhotoSize size) {
        return (long) Optional.ofNullable(size.getWidth()).orElse(0) * Optional.ofNullable(size.getHeight()).orElse(0);
    }

    private static String type(String mimeType, String otherwise) {
        return mimeType == null || mimeType.isBlank() ? otherwise : mimeType.strip().toLowerCase(Locale.ROOT);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String named(String name) {
        return name == null || name.isBlank() ? "" : " " + shortName(name);
    }

    private static String shortName(String name) {
        String line = name.strip().replaceAll("\\s+", " ");
        return line.length() <= NAME_IN_LABEL ? line : line.substring(0, NAME_IN_LABEL - 1) + "\u2026";
    }

    /** " 0:12", or nothing when Telegram gave no duration. */
    private static String duration(Integer seconds) {
        return seconds == null || seconds < 0 ? "" : " %d:%02d".formatted(seconds / 60, seconds % 60);
    }

    /** The files of {@code messages} Gemini can take, in order. */
    static List<Attachment> supported(List<Message> messages) {
        return messages.stream().map(MessageMedia::of)
                .flatMap(m -> m instanceof Supported s ? Stream.of(s.attachment()) : Stream.empty())
                .toList();
    }
}
