package dev.geminibot.bench;

import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake Telegram and Gemini of the test bed in a JVM of their own, so that their CPU is not the bot's
 * ({@link SeparateBedBenchmark} starts it as a child process). Prints {@code ports <telegram url> <gemini url>},
 * then answers one line per command read from stdin:
 * <ul>
 *   <li>{@code burst N K FIRST} queues N private texts round-robin over chats FIRST..FIRST+K-1 at one instant
 *       (10 per chat for 2,000 over 200, each chat's in order) and starts a new window: {@code ok}</li>
 *   <li>{@code await N SECONDS}: {@code ok NANOS} once N answers (sendMessage) came in this window, NANOS from
 *       the burst to the N-th; {@code timeout ANSWERS} otherwise</li>
 *   <li>{@code latency MS}: the model answers after MS milliseconds (0: at once)</li>
 *   <li>{@code counts}: Bot API calls by method since the burst, and Gemini requests: {@code ok sendmessage=2000 ...}</li>
 *   <li>{@code timeline}: first/median/last Gemini request and answer, in ms after the burst</li>
 *   <li>{@code firstpoll SECONDS}: {@code ok NANOS}, the {@link System#nanoTime()} of the first getUpdates
 *       (CLOCK_MONOTONIC on Linux: comparable with the driver's clock)</li>
 *   <li>{@code quit}</li>
 * </ul>
 */
public final class FakeServers {
    /**
     * The listen backlog of the servers the bot is given. The fakes' own servers use the JDK's default of 50: a
     * fresh bot opening 200 connections at once overflows it, the kernel drops SYNs (ListenOverflows in
     * /proc/net/netstat) and the client's retransmit after 1 s, then 3 s, would be the figure — a test-bed
     * artefact, not the bot (api.telegram.org and Gemini do not drop connections). {@code -Dbench.backlog=0}
     * keeps the fakes' own servers.
     */
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 4096);
    private final FakeTelegram telegram = new FakeTelegram();
    private final FakeGemini gemini = new FakeGemini();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicLong lastAnswerNanos = new AtomicLong();
    private volatile long burstNanos;
    private int answersBefore;
    private int methodsBefore;
    private int geminiBefore;

    public static void main(String[] args) throws Exception {
        new FakeServers().serve();
    }

    private void serve() throws Exception {
        telegram.onSent(sent -> {
            lastAnswerNanos.set(System.nanoTime());
            answers.incrementAndGet();
        });
        latency(0);
        String telegramUrl = BACKLOG > 0 ? rehost(telegram) : telegram.apiUrl();
        String geminiUrl = BACKLOG > 0 ? rehost(gemini) + "/v1beta" : gemini.baseUrlWithVersion();
        warmUp(telegramUrl, geminiUrl);
        System.out.println("ports " + telegramUrl + " " + geminiUrl);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (telegram; gemini) {
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                String reply;
                try {
                    reply = command(line.trim().split(" +"));
                } catch (RuntimeException e) {
                    reply = "error " + e;
                }
                System.out.println(reply);
            }
        }
        System.exit(0);
    }

    /**
     * Serves the start-up calls a few times before the bot exists: a fresh JVM's first requests take tens of
     * milliseconds each (class loading, interpreter), which api.telegram.org and Gemini do not, and which would
     * count as the bot's start-up. getUpdates is left out: its first call is what the start figure waits for.
     */
    private static void warmUp(String telegramUrl, String geminiUrl) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 20; i++) {
                for (String method : List.of("getMe", "deleteWebhook")) {
                    client.send(HttpRequest.newBuilder(URI.create(telegramUrl + "/bot" + FakeTelegram.TOKEN + "/" + method))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                            .build(), HttpResponse.BodyHandlers.discarding());
                }
                client.send(HttpRequest.newBuilder(URI.create(geminiUrl + "/models/gemini-2.5-flash"))
                        .header("x-goog-api-key", FakeGemini.KEY).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private String command(String[] words) throws InterruptedException {
        return switch (words[0]) {
            case "burst" -> burst(Integer.parseInt(words[1]), Integer.parseInt(words[2]), Long.parseLong(words[3]));
            case "await" -> awaitAnswers(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
            case "latency" -> latency(Integer.parseInt(words[1]));
            case "counts" -> counts();
            case "firstpoll" -> firstPoll(Integer.parseInt(words[1]));
            case "timeline" -> timeline();
            default -> "error unknown command " + words[0];
        };
    }

    /**
     * Serves {@code fake}'s handler (package-private in the testbed, hence reflection) from a server with a
     * listen backlog of {@link #BACKLOG}, as its own server does (virtual thread per exchange).
     */
    private static String rehost(Object fake) throws Exception {
        Method handle = fake.getClass().getDeclaredMethod("handle", HttpExchange.class);
        handle.setAccessible(true);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                handle.invoke(fake, exchange);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                exchange.sendResponseHeaders(500, -1);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String burst(int messages, int chats, long firstChat) {
        answersBefore = answers.get();
        methodsBefore = telegram.methodsCalled().size();
        geminiBefore = gemini.requests().size();
        telegram.inOneBatch(() -> {
            burstNanos = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                telegram.privateText(firstChat + i % chats, "Question number " + i + ": what is worth knowing about it?");
            }
        });
        return "ok";
    }

    private String awaitAnswers(int expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (answers.get() - answersBefore < expected) {
            if (System.nanoTime() > deadline) {
                return "timeout " + (answers.get() - answersBefore);
            }
            Thread.sleep(1);
        }
        return "ok " + (lastAnswerNanos.get() - burstNanos);
    }

    private String latency(int millis) {
        gemini.respondWith(request -> {
            if (millis > 0) {
                Thread.sleep(millis); // the model's latency
            }
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });
        return "ok";
    }

    private String counts() {
        List<String> methods = telegram.methodsCalled();
        Map<String, Integer> byMethod = new TreeMap<>();
        methods.subList(methodsBefore, methods.size()).forEach(method -> byMethod.merge(method, 1, Integer::sum));
        StringBuilder reply = new StringBuilder("ok");
        byMethod.forEach((method, count) -> reply.append(' ').append(method).append('=').append(count));
        reply.append(String.format(Locale.ROOT, " gemini=%d answers=%d", gemini.requests().size() - geminiBefore,
                answers.get() - answersBefore));
        return reply.toString();
    }

    /** When, in ms after the burst, Gemini requests arrived and answers came: first, median, last of each. */
    private String timeline() {
        List<Long> asked = gemini.arrivals();
        List<Long> answered = telegram.sentNanos();
        return "ok gemini " + spread(asked.subList(geminiBefore, asked.size()))
                + " answers " + spread(answered.subList(answersBefore, answered.size()));
    }

    private String spread(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "-";
        }
        List<Long> sorted = nanos.stream().map(t -> (t - burstNanos) / 1_000_000).sorted().toList();
        return sorted.getFirst() + "/" + sorted.get(sorted.size() / 2) + "/" + sorted.getLast() + "ms";
    }

    private String firstPoll(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (telegram.firstGetUpdatesNanos() == 0) {
            if (System.nanoTime() > deadline) {
                return "timeout";
            }
            Thread.sleep(1);
        }
        return "ok " + telegram.firstGetUpdatesNanos();
    }
}
