package updown.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AheadTest {

    @Test
    @DisplayName("work started ahead runs on a daemon thread of its own and hands back its result")
    void result() throws Exception {
        Thread caller = Thread.currentThread();
        Ahead<Thread> ahead = Ahead.start("ahead-test", Thread::currentThread);
        Thread ran = ahead.get();
        assertThat(ran).isNotSameAs(caller);
        assertThat(ran.getName()).isEqualTo("ahead-test");
        assertThat(ran.isDaemon()).isTrue();
    }

    @Test
    @DisplayName("its failure reaches the caller as the exception the work threw, checked or not")
    void failure() {
        IOException unreadable = new IOException("a.csv: no such file");
        assertThatThrownBy(() -> Ahead.start("ahead-io", () -> {
            throw unreadable;
        }).get()).isSameAs(unreadable);
        IllegalArgumentException bad = new IllegalArgumentException("not 1-minute klines");
        assertThatThrownBy(() -> Ahead.start("ahead-arg", () -> {
            throw bad;
        }).get()).isSameAs(bad);
    }
}
