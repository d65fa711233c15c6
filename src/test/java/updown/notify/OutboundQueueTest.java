package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.notify.OutboundQueue.Lane;
import updown.notify.OutboundQueue.Step;

@DisplayName("Outgoing queue: rolling-minute limit, coalescing, 429 and failures (pure)")
class OutboundQueueTest {
    private static final Instant T0 = Instant.parse("2026-05-12T11:10:00Z");

    private static Outgoing.Text alert(String text) {
        return Outgoing.Text.of(text);
    }

    private static Outgoing.Text trade(int n) {
        return new Outgoing.Text("full trade " + n, null,
                new Outgoing.Batchable("trades", "new trades", "line-" + n + ";"));
    }

    private static Outgoing.Text settlement(int n) {
        return new Outgoing.Text("full settlement " + n, null,
                new Outgoing.Batchable("settlements", "settled trades", "settled-" + n + ";"));
    }

    private static String html(Step step) {
        assertThat(step).isInstanceOf(Step.Send.class);
        return ((Outgoing.Text) ((Step.Send) step).payload()).html();
    }

    @Test
    @DisplayName("at most 20 sends in a minute; the 21st goes when the first leaves the rolling window")
    void rollingMinute() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        for (int i = 0; i < 30; i++) {
            q.offer(alert("a" + i), Lane.ALERT);
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(html(q.next(T0.plusSeconds(i))));
            q.delivered();
        }
        assertThat(q.next(T0.plusSeconds(30))).isEqualTo(new Step.Wait(T0.plusSeconds(60)));
        assertThat(q.next(T0.plusSeconds(59).plusMillis(999))).isInstanceOf(Step.Wait.class);
        sent.add(html(q.next(T0.plusSeconds(60))));
        q.delivered();
        // the second send of the first minute (at T0+1s) frees the next slot
        assertThat(q.next(T0.plusSeconds(60))).isEqualTo(new Step.Wait(T0.plusSeconds(61)));
        assertThat(sent).hasSize(21).startsWith("a0", "a1").endsWith("a20");
    }

    @Test
    @DisplayName("30 trade alerts in a burst become few messages, in order, with every trade in them")
    void burstCoalesces() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        List<String> sent = new ArrayList<>();
        q.offer(trade(0), Lane.ALERT);
        Step first = q.next(T0);
        for (int i = 1; i < 30; i++) {
            q.offer(trade(i), Lane.ALERT);
        }
        sent.add(html(first));
        q.delivered();
        Step s;
        while ((s = q.next(T0)) instanceof Step.Send) {
            sent.add(html(s));
            q.delivered();
        }
        assertThat(s).isInstanceOf(Step.Idle.class);
        assertThat(sent).hasSizeLessThanOrEqualTo(6);
        assertThat(sent.get(0)).isEqualTo("full trade 0");
        String all = String.join("\n", sent);
        int last = -1;
        for (int i = 1; i < 30; i++) {
            int at = Math.max(all.indexOf("line-" + i + ";"), all.indexOf("full trade " + i));
            assertThat(at).as("trade %d delivered", i).isGreaterThan(last);
            last = at;
        }
        assertThat(sent).anySatisfy(m -> assertThat(m).startsWith("<b>").contains("new trades"));
    }

    @Test
    @DisplayName("a short queue sends each trade alert in full; merging starts only when messages pile up")
    void noMergeWhenShort() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        q.offer(trade(1), Lane.ALERT);
        q.offer(trade(2), Lane.ALERT);
        assertThat(html(q.next(T0))).isEqualTo("full trade 1");
        q.delivered();
        assertThat(html(q.next(T0))).isEqualTo("full trade 2");
    }

    @Test
    @DisplayName("an alert of another kind ends the batch, so alerts stay in the order they happened")
    void otherKindBreaksBatch() {
        OutboundQueue q = new OutboundQueue(20, 1, 500);
        q.offer(alert("startup"), Lane.ALERT);
        q.offer(trade(1), Lane.ALERT);
        q.offer(trade(2), Lane.ALERT);
        q.offer(settlement(1), Lane.ALERT);
        q.offer(trade(3), Lane.ALERT);
        List<String> sent = new ArrayList<>();
        Step s;
        while ((s = q.next(T0)) instanceof Step.Send) {
            sent.add(html(s));
            q.delivered();
        }
        assertThat(sent).containsExactly("startup", "<b>2 new trades</b>\nline-1;\nline-2;", "full settlement 1",
                "full trade 3");
    }

    @Test
    @DisplayName("replies to commands go before alerts that are already waiting")
    void repliesFirst() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        q.offer(alert("alert-1"), Lane.ALERT);
        q.offer(alert("alert-2"), Lane.ALERT);
        q.offer(alert("reply"), Lane.REPLY);
        assertThat(html(q.next(T0))).isEqualTo("reply");
        q.delivered();
        assertThat(html(q.next(T0))).isEqualTo("alert-1");
    }

    @Test
    @DisplayName("a 429 holds the whole queue for retry_after, then the same message goes first")
    void retryAfter() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        q.offer(alert("first"), Lane.ALERT);
        q.offer(alert("second"), Lane.ALERT);
        assertThat(html(q.next(T0))).isEqualTo("first");
        OutboundQueue.Outcome o = q.failed(SendFailure.retryAfter(Duration.ofSeconds(15), "429"), T0);
        assertThat(o.action()).isEqualTo(OutboundQueue.Action.RETRY);
        assertThat(o.retryAt()).isEqualTo(T0.plusSeconds(15));
        assertThat(q.next(T0.plusSeconds(14))).isEqualTo(new Step.Wait(T0.plusSeconds(15)));
        assertThat(html(q.next(T0.plusSeconds(15)))).isEqualTo("first");
        q.delivered();
        assertThat(html(q.next(T0.plusSeconds(15)))).isEqualTo("second");
    }

    @Test
    @DisplayName("unreachable Telegram is retried with doubling backoff capped at a minute, without losing anything")
    void unreachableBackoff() {
        OutboundQueue q = new OutboundQueue(60, 3, 500);
        q.offer(alert("m"), Lane.ALERT);
        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            assertThat(q.next(now)).isInstanceOf(Step.Send.class);
            OutboundQueue.Outcome o = q.failed(SendFailure.unreachable("refused"), now);
            waits.add(Duration.between(now, o.retryAt()).toSeconds());
            now = o.retryAt();
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(html(q.next(now))).isEqualTo("m");
        q.delivered();
        assertThat(q.pending()).isZero();
    }

    @Test
    @DisplayName("server errors are retried a few times, then the message is dropped and its alerts counted")
    void serverErrorsGiveUp() {
        OutboundQueue q = new OutboundQueue(60, 3, 500);
        q.offer(alert("poison"), Lane.ALERT);
        q.offer(alert("next"), Lane.ALERT);
        Instant now = T0;
        OutboundQueue.Outcome o = null;
        for (int i = 0; i < OutboundQueue.MAX_SERVER_ERRORS; i++) {
            assertThat(html(q.next(now))).isEqualTo("poison");
            o = q.failed(SendFailure.serverError(502, "bad gateway"), now);
            now = now.plusSeconds(61);
        }
        assertThat(o.action()).isEqualTo(OutboundQueue.Action.DROPPED);
        assertThat(o.lostAlerts()).isEqualTo(1);
        assertThat(html(q.next(now))).isEqualTo("next");
    }

    @Test
    @DisplayName("HTML that Telegram refuses is resent once as escaped plain text, then given up")
    void rejectedFallsBackToPlainText() {
        OutboundQueue q = new OutboundQueue(20, 3, 500);
        q.offer(alert("<b>bad & broken</b>"), Lane.ALERT);
        q.next(T0);
        assertThat(q.failed(SendFailure.rejected(400, "can't parse entities"), T0).action())
                .isEqualTo(OutboundQueue.Action.RETRY_AS_PLAIN_TEXT);
        assertThat(html(q.next(T0))).isEqualTo("bad &amp; broken");
        assertThat(q.failed(SendFailure.rejected(400, "still"), T0).action())
                .isEqualTo(OutboundQueue.Action.DROPPED);
        assertThat(q.next(T0)).isInstanceOf(Step.Idle.class);
    }

    @Test
    @DisplayName("beyond capacity the oldest alert is dropped and the next alert sent says so")
    void overflowIsAnnounced() {
        OutboundQueue q = new OutboundQueue(20, 3, 3);
        assertThat(q.offer(alert("a1"), Lane.ALERT)).isZero();
        q.offer(alert("a2"), Lane.ALERT);
        q.offer(alert("a3"), Lane.ALERT);
        assertThat(q.offer(alert("a4"), Lane.ALERT)).isEqualTo(1);
        assertThat(q.droppedUnannounced()).isEqualTo(1);
        String first = html(q.next(T0));
        assertThat(first).contains("1 older alert(s) were dropped").endsWith("a2");
        q.delivered();
        assertThat(html(q.next(T0))).isEqualTo("a3");
    }

    @Test
    @DisplayName("random bursts, failures and 429s: never more than the limit in any minute, every alert delivered once")
    void randomizedInvariants() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int max = 1 + rnd.nextInt(20);
        OutboundQueue q = new OutboundQueue(max, 1 + rnd.nextInt(4), 100_000);
        Instant now = T0;
        Deque<Instant> sendTimes = new ArrayDeque<>();
        List<Instant> allSends = new ArrayList<>();
        Set<String> offered = new HashSet<>();
        List<String> delivered = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 3000; round++) {
            int burst = rnd.nextInt(3) == 0 ? rnd.nextInt(8) : 0;
            for (int i = 0; i < burst; i++) {
                String id = "x" + (next++) + ";";
                offered.add(id);
                Outgoing o = rnd.nextBoolean()
                        ? new Outgoing.Text(id, null, new Outgoing.Batchable(rnd.nextBoolean() ? "t" : "s", "b", id))
                        : Outgoing.Text.of(id);
                q.offer(o, rnd.nextInt(5) == 0 ? Lane.REPLY : Lane.ALERT);
            }
            Step s = q.next(now);
            if (s instanceof Step.Send send) {
                allSends.add(now);
                int r = rnd.nextInt(10);
                if (r == 0) {
                    q.failed(SendFailure.retryAfter(Duration.ofSeconds(1 + rnd.nextInt(20)), "429"), now);
                } else if (r == 1) {
                    q.failed(SendFailure.unreachable("down"), now);
                } else {
                    String text = ((Outgoing.Text) send.payload()).html();
                    for (String part : text.split("\n")) {
                        if (part.startsWith("x")) {
                            delivered.add(part);
                        }
                    }
                    q.delivered();
                }
            }
            now = now.plusMillis(rnd.nextInt(4000));
        }
        // drain
        for (int i = 0; i < 100_000 && q.pending() > 0; i++) {
            Step s = q.next(now);
            if (s instanceof Step.Send send) {
                allSends.add(now);
                for (String part : ((Outgoing.Text) send.payload()).html().split("\n")) {
                    if (part.startsWith("x")) {
                        delivered.add(part);
                    }
                }
                q.delivered();
            } else if (s instanceof Step.Wait w) {
                now = w.until();
            }
        }
        for (Instant t : allSends) {
            sendTimes.addLast(t);
            while (!sendTimes.peekFirst().plus(Duration.ofMinutes(1)).isAfter(t)) {
                sendTimes.removeFirst();
            }
            assertThat(sendTimes.size()).as("seed %d: sends in the minute before %s", seed, t)
                    .isLessThanOrEqualTo(max);
        }
        assertThat(delivered).as("seed %d", seed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(delivered)).as("seed %d", seed).isEqualTo(offered);
    }
}
