package dev.geminibot.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationLanesTest {

    @Test
    void runs_one_conversations_work_in_submission_order() throws Exception {
        try (ConversationLanes lanes = new ConversationLanes()) {
            List<Integer> done = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                lanes.submit("a", () -> done.add(n));
            }
            assertThat(lanes.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(done).isSorted().hasSize(200);
        }
    }

    @Test
    void runs_other_conversations_while_one_is_blocked() throws Exception {
        try (ConversationLanes lanes = new ConversationLanes()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch otherRan = new CountDownLatch(1);
            lanes.submit("slow", () -> await(release));
            lanes.submit("fast", otherRan::countDown);

            assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
        }
    }

    @Test
    void keeps_serving_a_lane_after_a_task_throws_and_drops_idle_lanes() throws Exception {
        try (ConversationLanes lanes = new ConversationLanes()) {
            List<String> done = new CopyOnWriteArrayList<>();
            lanes.submit("a", () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit("a", () -> done.add("after"));
            for (int i = 0; i < 1000; i++) {
                lanes.submit("user" + i, () -> { });
            }

            assertThat(lanes.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(done).containsExactly("after");
            assertThat(lanes.activeLanes()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
