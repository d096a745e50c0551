package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One getUpdates answer, read update by update: an update the client cannot deserialize is skipped (and logged
 * once, with its id) instead of failing the batch, a second copy of an update id is dropped, and every id read
 * counts for the next offset, so nothing is fetched again for ever.
 *
 * @param updates        the readable updates, first copies only, in Telegram's order
 * @param nextOffset     the offset that confirms this batch: its highest id + 1 ({@code requestedOffset} if empty)
 * @param idsRestarted   an id is below the offset asked for: Telegram restarted its ids lower
 * @param stops          users who pressed Stop on a draft ({@code stopped_message_generation}, Bot API 10.3, which
 *                       telegrambots 10.2.0 cannot read): read from the JSON here, never requests of their own
 */
record UpdateBatch(List<PolledUpdate> updates, long nextOffset, boolean idsRestarted, List<GenerationStopped> stops) {

    /** A user stopped the draft {@code draftId} in chat {@code chatId}. */
    record GenerationStopped(long chatId, long draftId) {
    }

    private static final Logger log = LoggerFactory.getLogger(UpdateBatch.class);

    static UpdateBatch read(JsonNode result, ObjectMapper json, long requestedOffset) {
        List<PolledUpdate> updates = new ArrayList<>();
        List<GenerationStopped> stops = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long highest = Long.MIN_VALUE;
        long lowest = Long.MAX_VALUE;
        for (JsonNode element : result) {
            JsonNode idNode = element.path("update_id");
            if (!idNode.canConvertToLong()) {
                log.warn("Skipping an update without a readable update_id");
                continue;
            }
            long id = idNode.asLong();
            highest = Math.max(highest, id);
            lowest = Math.min(lowest, id);
            if (!seen.add(id)) {
                log.debug("Update {} came twice in one batch; using the first copy", id);
                continue;
            }
            JsonNode stopped = element.path("stopped_message_generation");
            if (stopped.isObject()) {
                JsonNode chat = stopped.path("chat").path("id");
                JsonNode draft = stopped.path("draft_id");
                if (chat.canConvertToLong() && draft.canConvertToLong()) {
                    stops.add(new GenerationStopped(chat.asLong(), draft.asLong()));
                } else {
                    log.warn("Skipping update {}: a stopped_message_generation without chat id or draft id", id);
                }
                continue;
            }
            try {
                updates.add(new PolledUpdate(json.treeToValue(element, Update.class), element.toString()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                log.warn("Skipping update {}, which this client cannot read: {}", id, firstLine(e));
            }
        }
        if (highest == Long.MIN_VALUE) {
            return new UpdateBatch(List.of(), requestedOffset, false, List.of());
        }
        return new UpdateBatch(List.copyOf(updates), highest + 1, lowest < requestedOffset, List.copyOf(stops));
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
