package dev.geminibot.requests;

import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.ConversationKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlbumsTest {
    private static final ConversationKey ALICE = new ConversationKey(1, 1);
    private final Albums albums = new Albums(Duration.ofMillis(50));

    private static Attachment photo(String id) {
        return new Attachment(Attachment.Kind.IMAGE, id, "image/jpeg", 10, "photo");
    }

    private static Incoming part(long updateId) {
        return new Incoming(updateId, ALICE, 1, Instant.EPOCH, new ReplyTarget(1, null, null), new Request.EmptyQuestion(), null);
    }

    private static Request.AlbumPart albumPart(String caption, String fileId) {
        return new Request.AlbumPart("g1", new Request.Ask(caption, List.of(photo(fileId))), true);
    }

    @Test
    void should_ask_once_about_all_parts_with_the_caption_wherever_it_came() throws Exception {
        Request.AlbumPart first = albumPart("", "a");
        Request.AlbumPart second = albumPart("which is best?", "b");
        Request.AlbumPart third = albumPart("", "c");
        assertThat(albums.arrived(part(10), first)).isTrue();
        assertThat(albums.arrived(part(11), second)).isFalse();
        assertThat(albums.arrived(part(12), third)).isFalse();

        Optional<Request.Ask> asked = albums.question(part(10), first);

        assertThat(asked).contains(new Request.Ask("which is best?", List.of(photo("a"), photo("b"), photo("c"))));
        assertThat(albums.question(part(11), second)).isEmpty();
        assertThat(albums.question(part(12), third)).isEmpty();
        assertThat(albums.open()).isZero();
    }

    @Test
    void should_ask_about_a_part_never_noted_on_its_own() throws Exception {
        Request.AlbumPart late = albumPart("late", "z");

        assertThat(albums.question(part(20), late)).contains(late.ask());
    }
}
