package dev.geminibot.conversation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationKeyTest {

    @Test
    void gives_each_user_of_a_group_their_own_key_separate_from_their_private_chat() {
        ConversationKey aliceInGroup = new ConversationKey(-1001234567890L, 42);
        ConversationKey bobInGroup = new ConversationKey(-1001234567890L, 43);
        ConversationKey alicePrivate = new ConversationKey(42, 42);

        assertThat(aliceInGroup.id()).isNotEqualTo(bobInGroup.id()).isNotEqualTo(alicePrivate.id());
        assertThat(aliceInGroup.id()).isEqualTo("-1001234567890:42");
    }

    @Test
    void reads_back_what_it_writes_for_64_bit_and_negative_ids() {
        ConversationKey key = new ConversationKey(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(ConversationKey.parse(key.id())).isEqualTo(key);
        assertThat(ConversationKey.parse("-5:7")).isEqualTo(new ConversationKey(-5, 7));
    }

    @Test
    void a_forum_topic_gets_its_own_key_and_keys_outside_topics_keep_their_old_form() {
        ConversationKey topicA = new ConversationKey(-1001234567890L, 42, 7);
        ConversationKey topicB = new ConversationKey(-1001234567890L, 42, 8);

        assertThat(topicA.id()).isEqualTo("-1001234567890:42:7").isNotEqualTo(topicB.id());
        assertThat(new ConversationKey(-1001234567890L, 42, 0).id()).isEqualTo("-1001234567890:42");
        assertThat(ConversationKey.parse(topicA.id())).isEqualTo(topicA);
        assertThat(ConversationKey.parse("-1001234567890:42")).isEqualTo(new ConversationKey(-1001234567890L, 42));
    }

    @Test
    void rejects_text_that_is_not_a_key() {
        assertThatThrownBy(() -> ConversationKey.parse("12345")).isInstanceOf(IllegalArgumentException.class);
    }
}
