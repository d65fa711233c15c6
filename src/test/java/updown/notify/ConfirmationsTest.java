package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Usd;

@DisplayName("Confirmations: single use, owner only, expiring")
class ConfirmationsTest {
    private final AtomicInteger n = new AtomicInteger();
    private final Confirmations c = new Confirmations(() -> "n" + n.incrementAndGet());
    private final Instant t0 = Samples.T0;

    @Test
    @DisplayName("the asker confirms once; a second press finds nothing")
    void singleUse() {
        String nonce = c.ask(new Confirmations.Action.TopUp(Usd.of("100")), 7, t0);
        assertThat(c.take(nonce, 7, t0.plusSeconds(10)))
                .isEqualTo(new Confirmations.Taken.Ready(new Confirmations.Action.TopUp(Usd.of("100"))));
        assertThat(c.take(nonce, 7, t0.plusSeconds(11))).isInstanceOf(Confirmations.Taken.Unknown.class);
    }

    @Test
    @DisplayName("someone else cannot confirm, and the prompt stays valid for the asker")
    void ownerOnly() {
        String nonce = c.ask(new Confirmations.Action.ResumeAfterBreaker("dd"), 7, t0);
        assertThat(c.take(nonce, 8, t0)).isInstanceOf(Confirmations.Taken.NotYours.class);
        assertThat(c.take(nonce, 7, t0)).isInstanceOf(Confirmations.Taken.Ready.class);
    }

    @Test
    @DisplayName("a prompt expires after five minutes on the injected clock")
    void expires() {
        String nonce = c.ask(new Confirmations.Action.TopUp(Usd.ONE), 7, t0);
        assertThat(c.take(nonce, 7, t0.plus(Confirmations.TTL))).isInstanceOf(Confirmations.Taken.Expired.class);
        assertThat(c.size()).isZero();
    }

    @Test
    @DisplayName("at most 20 prompts wait; the oldest gives way")
    void bounded() {
        String first = c.ask(new Confirmations.Action.TopUp(Usd.ONE), 7, t0);
        for (int i = 0; i < 25; i++) {
            c.ask(new Confirmations.Action.TopUp(Usd.ONE), 7, t0);
        }
        assertThat(c.size()).isEqualTo(Confirmations.MAX_PENDING);
        assertThat(c.take(first, 7, t0)).isInstanceOf(Confirmations.Taken.Unknown.class);
    }
}
