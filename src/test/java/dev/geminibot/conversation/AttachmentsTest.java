package dev.geminibot.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentsTest {
    private static final Attachment PHOTO = new Attachment(Attachment.Kind.IMAGE, "photo-1", "image/jpeg", 3, "photo");
    private static final Attachment OLD_PHOTO = new Attachment(Attachment.Kind.IMAGE, "photo-0", "image/jpeg", 3, "photo");

    /** A hand-written source: bytes by handle, counting loads; an unknown handle is gone. */
    private static final class MapSource implements AttachmentSource {
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final List<String> loaded = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public byte[] load(Attachment attachment) throws AttachmentException {
            loaded.add(attachment.handle());
            byte[] bytes = files.get(attachment.handle());
            if (bytes == null) {
                throw new AttachmentException(AttachmentException.Problem.GONE, "unknown");
            }
            return bytes;
        }
    }

    private final MapSource source = new MapSource();

    @Test
    void should_remember_a_question_with_files_by_reference_only_and_read_it_back() {
        Question question = new Question("what is this?", List.of(PHOTO));

        String json = ChatMessageSerializer.messagesToJson(List.of(Attachments.remembered(question)));
        UserMessage back = (UserMessage) ChatMessageDeserializer.messagesFromJson(json).getFirst();

        assertThat(json).contains("photo-1").contains("image/jpeg").hasSizeLessThan(300);
        assertThat(back.contents()).containsExactly(TextContent.from("what is this?"));
        assertThat(Attachments.question(back)).isEqualTo(question);
    }

    @Test
    void should_remember_that_a_caption_less_file_was_asked_about_with_the_default_prompt() {
        Question question = new Question("", List.of(PHOTO));

        UserMessage remembered = Attachments.remembered(question);

        assertThat(remembered.singleText()).isEqualTo(question.prompt());
        assertThat(Attachments.question(remembered)).isEqualTo(question);
    }

    @Test
    void should_send_the_bytes_as_base64_with_the_mime_type() throws Exception {
        source.files.put("photo-1", new byte[]{1, 2, 3});
        Attachments attachments = new Attachments(source, 100, 1000);

        try (Attachments.Loaded loaded = attachments.load(List.of(), new Question("q", List.of(PHOTO)))) {
            UserMessage message = (UserMessage) loaded.messages().getLast();
            ImageContent image = (ImageContent) message.contents().get(1);
            assertThat(message.contents().getFirst()).isEqualTo(TextContent.from("q"));
            assertThat(image.image().mimeType()).isEqualTo("image/jpeg");
            assertThat(Base64.getDecoder().decode(image.image().base64Data())).containsExactly(1, 2, 3);
        }
    }

    @Test
    void should_replace_a_remembered_file_that_is_gone_with_a_note_and_still_answer() throws Exception {
        source.files.put("photo-1", new byte[]{1, 2, 3});
        Attachments attachments = new Attachments(source, 100, 1000);
        List<ChatMessage> remembered = List.of(Attachments.remembered(new Question("old", List.of(OLD_PHOTO))),
                dev.langchain4j.data.message.AiMessage.from("an old photo"));

        try (Attachments.Loaded loaded = attachments.load(remembered, new Question("and this?", List.of(PHOTO)))) {
            UserMessage old = (UserMessage) loaded.messages().getFirst();
            assertThat(old.contents()).containsExactly(TextContent.from("old"),
                    TextContent.from("[The photo sent earlier is no longer available.]"));
        }
    }

    @Test
    void should_refuse_a_new_file_over_the_request_limit_without_loading_it() {
        Attachments attachments = new Attachments(source, 2, 1000);

        assertThatThrownBy(() -> attachments.load(List.of(), new Question("q", List.of(PHOTO))))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.problem()).isEqualTo(AttachmentException.Problem.TOO_BIG_FOR_MODEL));
        assertThat(source.loaded).isEmpty();
    }

    @Test
    void should_leave_out_older_files_that_do_not_fit_beside_the_new_ones() throws Exception {
        source.files.put("photo-0", new byte[]{9, 9, 9});
        source.files.put("photo-1", new byte[]{1, 2, 3});
        Attachments attachments = new Attachments(source, 4, 1000);
        List<ChatMessage> remembered = List.of(Attachments.remembered(new Question("old", List.of(OLD_PHOTO))),
                dev.langchain4j.data.message.AiMessage.from("an old photo"));

        try (Attachments.Loaded loaded = attachments.load(remembered, new Question("new", List.of(PHOTO)))) {
            assertThat(((UserMessage) loaded.messages().getFirst()).contents()).hasSize(2)
                    .last().isInstanceOf(TextContent.class);
            assertThat(source.loaded).containsExactly("photo-1");
        }
    }

    @Test
    void should_make_a_request_with_files_wait_while_the_memory_budget_is_in_use() throws Exception {
        source.files.put("photo-1", new byte[]{1, 2, 3});
        Attachments attachments = new Attachments(source, 1024, 1024); // room for one request's files at a time
        Question question = new Question("q", List.of(PHOTO));
        Attachments.Loaded first = attachments.load(List.of(), question);

        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Attachments.Loaded> second = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return attachments.load(List.of(), question);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        started.await();
        assertThat(second).isNotDone(); // holds no bytes yet: not a single load was made for it
        assertThat(source.loaded).hasSize(1);

        first.close();
        second.get(10, TimeUnit.SECONDS).close();
        assertThat(source.loaded).hasSize(2);
    }

    @Test
    void should_send_a_text_document_as_text_and_refuse_one_that_is_not_utf8() throws Exception {
        Attachment notes = new Attachment(Attachment.Kind.TEXT, "doc-1", "text/plain", 5, "document notes.md");
        Attachment binary = new Attachment(Attachment.Kind.TEXT, "doc-2", "text/plain", 2, "document x.txt");
        source.files.put("doc-1", "# hi\n".getBytes());
        source.files.put("doc-2", new byte[]{(byte) 0xC3, 0x28});
        Attachments attachments = new Attachments(source, 100, 1000);

        try (Attachments.Loaded loaded = attachments.load(List.of(), new Question("", List.of(notes)))) {
            assertThat(((UserMessage) loaded.messages().getLast()).contents().get(1))
                    .isEqualTo(TextContent.from("Contents of the document notes.md:\n# hi\n"));
        }
        assertThatThrownBy(() -> attachments.load(new ArrayList<>(), new Question("", List.of(binary))))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.problem()).isEqualTo(AttachmentException.Problem.UNREADABLE));
    }
}
