package dev.geminibot.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /livez}, {@code /readyz} and {@code /metrics} on the JDK's own HTTP server, one virtual thread per
 * request. A probe answers 200 "ok", or 503 with the one-line reason.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param notLive why the process cannot go on, if so
     * @param notReady why the bot cannot answer now, if so
     */
    private HealthServer(HttpServer server, Supplier<Optional<String>> notLive, Supplier<Optional<String>> notReady,
                         MicrometerMetrics metrics) {
        this.server = server;
        server.createContext("/livez", exchange -> probe(exchange, notLive));
        server.createContext("/readyz", exchange -> probe(exchange, notReady));
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                respond(exchange, 200, MicrometerMetrics.contentType(), metrics.scrape());
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public static HealthServer start(String host, int port, Supplier<Optional<String>> notLive,
                                     Supplier<Optional<String>> notReady, MicrometerMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            HealthServer started = new HealthServer(server, notLive, notReady, metrics);
            log.info("Health and metrics on http://{}:{} (/livez, /readyz, /metrics)", host, started.port());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve health and metrics on " + host + ":" + port
                    + " (BOT_HTTP_HOST, BOT_HTTP_PORT): " + e.getMessage(), e);
        }
    }

    /** The port listened on (the one chosen when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange exchange, Supplier<Optional<String>> problem) throws IOException {
        if (!allowed(exchange)) {
            return;
        }
        Optional<String> reason = problem.get();
        respond(exchange, reason.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
                reason.map(r -> r.replaceAll("\\s*\\R\\s*", " ")).orElse("ok") + "\n");
    }

    /** Only GET (and HEAD) of the exact path; anything else is answered here. */
    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return false;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
