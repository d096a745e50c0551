package dev.geminibot.conversation;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFailureTest {

    @Test
    void groups_errors_by_what_the_user_can_do() {
        assertThat(ModelFailure.of(new RateLimitException("429"))).isEqualTo(ModelFailure.BUSY);
        assertThat(ModelFailure.of(new InternalServerException("503"))).isEqualTo(ModelFailure.UNAVAILABLE);
        assertThat(ModelFailure.of(new TimeoutException("slow"))).isEqualTo(ModelFailure.UNAVAILABLE);
        assertThat(ModelFailure.of(new LangChain4jException(new ConnectException("refused")))).isEqualTo(ModelFailure.UNAVAILABLE);
        assertThat(ModelFailure.of(new ContentFilteredException("blocked"))).isEqualTo(ModelFailure.DECLINED);
        assertThat(ModelFailure.of(new AuthenticationException("403"))).isEqualTo(ModelFailure.MISCONFIGURED);
        assertThat(ModelFailure.of(new InvalidRequestException("400"))).isEqualTo(ModelFailure.MISCONFIGURED);
        assertThat(ModelFailure.of(new IllegalStateException("bug"))).isEqualTo(ModelFailure.UNEXPECTED);
    }
}
