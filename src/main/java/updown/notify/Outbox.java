package updown.notify;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * The thin driver of {@link OutboundQueue}: sends what the queue allows, one message at a time, and sleeps on a
 * timer (converted through the injected clock) when the queue says wait. Runs on the notifier's event loop; the
 * gateway never blocks it, so a slow or failing Telegram only makes this queue longer.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Timers timers;
    private final BotClock clock;
    private final TelegramGateway gateway;
    private final OutboundQueue queue;
    private boolean sending;
    private long timerId = -1;
    private Instant timerFor;
    private boolean closed;
    private int failuresInARow;

    Outbox(Vertx vertx, BotClock clock, TelegramGateway gateway, OutboundQueue queue) {
        this.timers = new Timers(vertx, clock);
        this.clock = clock;
        this.gateway = gateway;
        this.queue = queue;
    }

    /** An alert the bot sends on its own (may be merged with others of its kind when the queue backs up). */
    void alert(Outgoing message) {
        offer(message, OutboundQueue.Lane.ALERT);
    }

    /** An answer to a command: sent before queued alerts. */
    void reply(Outgoing message) {
        offer(message, OutboundQueue.Lane.REPLY);
    }

    private void offer(Outgoing message, OutboundQueue.Lane lane) {
        if (closed) {
            return;
        }
        for (Outgoing part : splitIfLong(message)) {
            int lost = queue.offer(part, lane);
            if (lost > 0) {
                LOG.warn("Telegram: outgoing queue full ({} waiting); dropped {} oldest alert(s), the next alert says so",
                        queue.pending(), lost);
            }
        }
        pump();
    }

    /** A text over Telegram's 4096 characters goes as several messages; the keyboard rides on the last one. */
    private static List<Outgoing> splitIfLong(Outgoing message) {
        if (!(message instanceof Outgoing.Text t) || t.batch() != null || t.html().length() <= Html.MAX_MESSAGE) {
            return List.of(message);
        }
        List<String> parts = Html.split(t.html(), Html.MAX_MESSAGE);
        return java.util.stream.IntStream.range(0, parts.size())
                .mapToObj(i -> (Outgoing) new Outgoing.Text(parts.get(i),
                        i == parts.size() - 1 ? t.keyboard() : null, null))
                .toList();
    }

    private void pump() {
        if (closed || sending) {
            return;
        }
        Instant now = clock.instant();
        OutboundQueue.Step step = queue.next(now);
        if (step instanceof OutboundQueue.Step.Send send) {
            cancelTimer();
            sending = true;
            gateway.send(send.payload()).onComplete(ar -> {
                sending = false;
                if (ar.succeeded()) {
                    queue.delivered();
                    if (failuresInARow > 0) {
                        LOG.info("Telegram: delivering again after {} failed attempt(s)", failuresInARow);
                        failuresInARow = 0;
                    }
                } else {
                    onFailure(ar.cause(), send.alerts());
                }
                pump();
            });
        } else if (step instanceof OutboundQueue.Step.Wait wait) {
            arm(now, wait.until());
        } else if (step instanceof OutboundQueue.Step.Idle) {
            cancelTimer();
        }
    }

    private void onFailure(Throwable cause, int alerts) {
        SendFailure f = cause instanceof SendFailure sf ? sf : SendFailure.serverError(0, cause.getClass().getSimpleName());
        OutboundQueue.Outcome o = queue.failed(f, clock.instant());
        failuresInARow++;
        switch (o.action()) {
            case DROPPED -> LOG.warn("Telegram: gave up on a message carrying {} alert(s) after {} {}: {}{}",
                    o.lostAlerts(), f.kind(), f.code(), f.getMessage(), hint(f));
            case RETRY_AS_PLAIN_TEXT -> LOG.warn("Telegram: message refused ({} {}), resending it as plain text",
                    f.code(), f.getMessage());
            case RETRY -> {
                if (f.kind() == SendFailure.Kind.RETRY_AFTER) {
                    LOG.warn("Telegram: rate limited (429), waiting until {} ({} queued)", o.retryAt(),
                            queue.pending());
                } else if (failuresInARow == 1 || failuresInARow % 10 == 0) {
                    LOG.warn("Telegram: send failed ({} {}: {}); retrying at {} ({} queued, attempt {})", f.kind(),
                            f.code(), f.getMessage(), o.retryAt(), queue.pending(), failuresInARow);
                }
            }
            default -> throw new IllegalStateException(o.action().toString());
        }
    }

    /** What a refusal usually means for the operator. */
    private static String hint(SendFailure f) {
        String m = String.valueOf(f.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (f.code() == 401 || f.code() == 404 && m.contains("not found") && !m.contains("chat")) {
            return " (check TELEGRAM_BOT_TOKEN)";
        }
        if (m.contains("chat not found") || f.code() == 403) {
            return " (check TELEGRAM_CHAT_ID and that the bot was started in / added to that chat)";
        }
        return "";
    }

    private void arm(Instant now, Instant until) {
        if (timerId != -1 && until.equals(timerFor)) {
            return;
        }
        cancelTimer();
        long simulated = Math.max(1, Duration.between(now, until).toMillis());
        timerFor = until;
        timerId = timers.after(simulated, id -> {
            timerId = -1;
            pump();
        });
    }

    private void cancelTimer() {
        if (timerId != -1) {
            timers.cancel(timerId);
            timerId = -1;
        }
    }

    int pending() {
        return queue.pending();
    }

    void close() {
        closed = true;
        cancelTimer();
    }
}
