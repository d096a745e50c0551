package dev.geminibot.telegram.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rich messages or drafts the server refused, which then went the HTML way: each cause (status and description)
 * is logged once as a warning, so an older server does not fill the log with one line per answer.
 */
final class RichRefusals {
    private static final Logger log = LoggerFactory.getLogger(RichRefusals.class);

    private final Set<String> causes = ConcurrentHashMap.newKeySet();

    void note(String cause) {
        if (causes.add(cause)) {
            log.warn("Telegram refused a rich message ({}); sending such answers as HTML instead", cause);
        } else {
            log.debug("Rich message refused again ({}); sent as HTML", cause);
        }
    }
}
