package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Faults a test has the fake Bot API answer with instead of serving a call, per method, in order. */
final class FakeFaults {
    private final Map<String, Queue<FakeTelegram.Fault>> faults = new ConcurrentHashMap<>();

    void failNext(String method, int times, FakeTelegram.Fault fault) {
        Queue<FakeTelegram.Fault> queue = faults.computeIfAbsent(method.toLowerCase(Locale.ROOT),
                m -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    void clear(String method) {
        faults.remove(method.toLowerCase(Locale.ROOT));
    }

    /** The fault for this call of {@code method} (lower case), or null to serve it. */
    FakeTelegram.Fault next(String method) {
        Queue<FakeTelegram.Fault> queue = faults.get(method);
        return queue == null ? null : queue.poll();
    }

    /** Answers with {@code fault}: a dropped connection, a raw body, or a Bot API error. */
    static void answer(HttpExchange exchange, FakeTelegram.Fault fault) throws IOException {
        if (fault.status() < 0) {
            exchange.getResponseBody().close(); // no status line: the client sees the connection end
            return;
        }
        if (fault.rawBody() != null) {
            respondRaw(exchange, fault.status(), fault.contentType(), fault.rawBody());
            return;
        }
        ObjectNode body = FakeTelegram.error(fault.status(), fault.description());
        if (fault.retryAfter() != null) {
            body.putObject("parameters").put("retry_after", fault.retryAfter());
        }
        JsonHttp.respond(exchange, fault.status(), body);
    }

    private static void respondRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length); // -1: no body at all
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
