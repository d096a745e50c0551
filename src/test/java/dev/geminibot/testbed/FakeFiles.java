package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.geminibot.testbed.JsonHttp.JSON;

/**
 * The files side of the fake Bot API: {@code getFile} and downloads from {@code /file/bot<token>/<file_path>}.
 * Tests register bytes and get the JSON Telegram puts in a message for them (a photo's sizes, a voice note, a
 * document); faults per file: {@code getFile} answers 400 "file is too big", the download 404s, is slow, or is
 * cut short. Counts downloads per file.
 */
public final class FakeFiles {
    /** What goes wrong with a file. */
    public enum Fault {
        /** getFile: 400 "Bad Request: file is too big", as Telegram answers for files over 20 MB. */
        TOO_BIG,
        /** getFile answers, the download 404s (the path expired, the file is gone). */
        NOT_FOUND,
        /** The download announces the full length, sends half, and hangs up. */
        CUT_SHORT,
        /** The download sends its bytes slowly: 1 KB every 100 ms. */
        SLOW
    }

    private record StoredFile(String path, byte[] bytes) {
    }

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    /** Stores {@code bytes}; returns the new file's id. */
    public String add(byte[] bytes, String extension) {
        int n = next.getAndIncrement();
        String id = "AgACAgIAAxkBAAI" + n + "fileid";
        files.put(id, new StoredFile("files/file_" + n + "." + extension, bytes));
        return id;
    }

    public void fail(String fileId, Fault fault) {
        faults.put(fileId, fault);
    }

    /** The file is served normally again. */
    public void heal(String fileId) {
        faults.remove(fileId);
    }

    /** How often the file was downloaded. */
    public int downloads(String fileId) {
        AtomicInteger count = downloads.get(fileId);
        return count == null ? 0 : count.get();
    }

    /** Downloads of every file together. */
    public int downloads() {
        return downloads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    // ---- what a message holds -------------------------------------------------------------------

    /** {@code "photo": [...]}: a thumbnail and the full size, as Telegram sends a photo. */
    public ObjectNode photo(byte[] jpeg) {
        ArrayNode sizes = JSON.createArrayNode();
        byte[] thumb = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        sizes.add(photoSize(add(thumb, "jpg"), 90, 60, thumb.length));
        sizes.add(photoSize(add(jpeg, "jpg"), 1280, 853, jpeg.length));
        ObjectNode fields = JSON.createObjectNode();
        fields.set("photo", sizes);
        return fields;
    }

    /** {@code "voice": {...}}: an OGG/Opus voice note. */
    public ObjectNode voice(byte[] ogg, int seconds) {
        ObjectNode fields = JSON.createObjectNode();
        fields.putObject("voice").put("file_id", add(ogg, "oga")).put("file_unique_id", "u" + next.get())
                .put("duration", seconds).put("mime_type", "audio/ogg").put("file_size", ogg.length);
        return fields;
    }

    /** {@code "document": {...}} with a name and MIME type. */
    public ObjectNode document(byte[] bytes, String fileName, String mimeType) {
        ObjectNode fields = JSON.createObjectNode();
        ObjectNode document = fields.putObject("document").put("file_id", add(bytes, "bin"))
                .put("file_unique_id", "u" + next.get()).put("file_name", fileName).put("file_size", bytes.length);
        if (mimeType != null) {
            document.put("mime_type", mimeType);
        }
        return fields;
    }

    /** A document whose reported size is {@code reportedSize}, whatever its bytes (to play a huge file cheaply). */
    public ObjectNode documentOfSize(byte[] bytes, String fileName, String mimeType, long reportedSize) {
        ObjectNode fields = document(bytes, fileName, mimeType);
        ((ObjectNode) fields.get("document")).put("file_size", reportedSize);
        return fields;
    }

    /** The file id of the file in {@code fields} (the largest photo size). */
    public static String fileId(ObjectNode fields) {
        if (fields.has("photo")) {
            ArrayNode sizes = (ArrayNode) fields.get("photo");
            return sizes.get(sizes.size() - 1).get("file_id").asText();
        }
        return fields.elements().next().get("file_id").asText();
    }

    private static ObjectNode photoSize(String fileId, int width, int height, int size) {
        return JSON.createObjectNode().put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("width", width).put("height", height).put("file_size", size);
    }

    // ---- the Bot API ------------------------------------------------------------------------------

    /** getFile's answer: the File object, or a Bot API error. */
    ObjectNode getFile(ObjectNode params) {
        String id = params.path("file_id").asText("");
        StoredFile file = files.get(id);
        if (file == null) {
            return FakeTelegram.error(400, "Bad Request: invalid file_id");
        }
        if (faults.get(id) == Fault.TOO_BIG) {
            return FakeTelegram.error(400, "Bad Request: file is too big");
        }
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.putObject("result").put("file_id", id).put("file_unique_id", "u" + id)
                .put("file_size", file.bytes().length).put("file_path", file.path());
        return body;
    }

    /** Serves {@code path} (after {@code /file/bot<token>/}). */
    void download(HttpExchange exchange, String path) throws IOException {
        Map.Entry<String, StoredFile> found = files.entrySet().stream()
                .filter(e -> e.getValue().path().equals(path)).findFirst().orElse(null);
        Fault fault = found == null ? null : faults.get(found.getKey());
        if (found == null || fault == Fault.NOT_FOUND) {
            JsonHttp.respond(exchange, 404, FakeTelegram.error(404, "Not Found"));
            return;
        }
        downloads.computeIfAbsent(found.getKey(), k -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = found.getValue().bytes();
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (fault == Fault.CUT_SHORT) {
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                throw new IOException("cut short on purpose");
            }
            if (fault == Fault.SLOW) {
                for (int at = 0; at < bytes.length; at += 1024) {
                    out.write(bytes, at, Math.min(1024, bytes.length - at));
                    out.flush();
                    sleep(Duration.ofMillis(100));
                }
                return;
            }
            out.write(bytes);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis()); // the fake playing a slow network, not test synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
