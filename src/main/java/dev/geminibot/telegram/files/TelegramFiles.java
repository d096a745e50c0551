package dev.geminibot.telegram.files;

import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.AttachmentException;
import dev.geminibot.conversation.AttachmentException.Problem;
import dev.geminibot.conversation.AttachmentSource;
import dev.geminibot.telegram.outbound.TelegramCalls;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Files users sent, fetched from Telegram: {@code getFile} for the file's path, then a download from the
 * configured Bot API server ({@code {api}/file/bot<token>/<path>}; the client library's own download methods
 * always go to api.telegram.org). The download URL holds the token: it is never logged, nor put in an exception.
 * Sizes are checked before the download (as reported) and during it (as read); recent files are kept in a small
 * cache so that a follow-up question does not download them again.
 */
public final class TelegramFiles implements AttachmentSource {
    private static final Logger log = LoggerFactory.getLogger(TelegramFiles.class);
    /** A download that stalls this long between bytes, or takes this long in all, is given up. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final TelegramCalls calls;
    private final OkHttpClient http;
    private final HttpUrl files;
    private final long maxBytes;
    private final RecentFiles recent;

    /**
     * @param apiUrl the configured Bot API server root
     * @param maxBytes the largest file downloaded (the cloud Bot API serves bots at most 20 MB)
     * @param cacheBytes how many bytes of recent files are kept in memory; 0 keeps none
     */
    public TelegramFiles(TelegramCalls calls, OkHttpClient http, URI apiUrl, String token, long maxBytes,
                         long cacheBytes) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.http = http.newBuilder().readTimeout(READ_TIMEOUT).callTimeout(DOWNLOAD_TIMEOUT).build();
        HttpUrl root = Objects.requireNonNull(HttpUrl.get(apiUrl), "apiUrl");
        this.files = root.newBuilder().encodedPath("/").addPathSegment("file").addPathSegment("bot" + token).build();
        this.maxBytes = maxBytes;
        this.recent = new RecentFiles(cacheBytes);
    }

    @Override
    public void dropRecent() {
        recent.clear();
    }

    @Override
    public byte[] load(Attachment attachment) throws AttachmentException, InterruptedException {
        byte[] cached = recent.get(attachment.handle());
        if (cached != null) {
            return cached;
        }
        if (attachment.size() > maxBytes) {
            throw new AttachmentException(Problem.TOO_BIG_TO_DOWNLOAD, "reported size over the download limit");
        }
        File file = describe(attachment);
        if (file.getFileSize() != null && file.getFileSize() > maxBytes) {
            throw new AttachmentException(Problem.TOO_BIG_TO_DOWNLOAD, "getFile size over the download limit");
        }
        if (file.getFilePath() == null || file.getFilePath().isBlank()) {
            throw new AttachmentException(Problem.GONE, "getFile gave no file_path");
        }
        byte[] bytes = download(file.getFilePath());
        recent.put(attachment.handle(), bytes);
        return bytes;
    }

    private File describe(Attachment attachment) throws AttachmentException, InterruptedException {
        try {
            return calls.execute(GetFile.builder().fileId(attachment.handle()).build());
        } catch (TelegramApiRequestException e) {
            String description = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(Locale.ROOT);
            Integer code = e.getErrorCode();
            if (description.contains("too big")) {
                throw new AttachmentException(Problem.TOO_BIG_TO_DOWNLOAD, "getFile: file is too big");
            }
            if (code != null && code == 400) {
                throw new AttachmentException(Problem.GONE, "getFile refused: " + e.getApiResponse());
            }
            throw new AttachmentException(Problem.UNAVAILABLE, "getFile failed: " + code);
        } catch (TelegramApiException e) {
            throw new AttachmentException(Problem.UNAVAILABLE, "getFile failed: " + e.getClass().getSimpleName());
        }
    }

    /** The file's bytes, at most {@link #maxBytes}; every failure described without the URL. */
    private byte[] download(String path) throws AttachmentException, InterruptedException {
        HttpUrl url = HttpUrl.parse(files + "/" + path.replaceFirst("^/+", ""));
        if (url == null) {
            throw new AttachmentException(Problem.GONE, "getFile gave an unusable file_path");
        }
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (response.code() == 404) {
                throw new AttachmentException(Problem.GONE, "download answered 404");
            }
            if (!response.isSuccessful()) {
                throw new AttachmentException(Problem.UNAVAILABLE, "download answered " + response.code());
            }
            ResponseBody body = response.body();
            if (body.contentLength() > maxBytes) {
                throw new AttachmentException(Problem.TOO_BIG_TO_DOWNLOAD, "download is over the limit");
            }
            return readAtMost(body.byteStream(), body.contentLength());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while downloading a file");
            }
            // OkHttp's messages name hosts, never paths; still, say only what kind of failure it was
            log.debug("Download failed: {}", e.getClass().getSimpleName());
            throw new AttachmentException(Problem.UNAVAILABLE, "download failed: " + e.getClass().getSimpleName());
        }
    }

    private byte[] readAtMost(InputStream in, long announced) throws IOException, AttachmentException {
        if (announced >= 0) { // the usual case: one array of the exact size, no copies
            byte[] bytes = in.readNBytes((int) announced);
            if (bytes.length != announced) {
                throw new AttachmentException(Problem.UNAVAILABLE, "download cut short");
            }
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            total += read;
            if (total > maxBytes) {
                throw new AttachmentException(Problem.TOO_BIG_TO_DOWNLOAD, "download ran over the limit");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
