package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.bus.Replies;
import updown.config.BotConfig;
import updown.domain.PortfolioEvent;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * The Telegram notifier: alerts from the portfolio's published events, commands from the owner's chat, all
 * outgoing messages through one rate-limited queue. Without a token (or chat id) it stays disabled after one log
 * line and the bot runs on. Telegram being slow or down never slows anything else: every HTTP call runs on the
 * library's threads and only this verticle's queue grows.
 *
 * <p>Consumes {@link Addresses#TRADE_EXECUTED}, {@link Addresses#TRADE_SETTLED}, {@link Addresses#BREAKER_TRIPPED},
 * {@link Addresses#TRADING_STATE_CHANGED}, {@link Addresses#PORTFOLIO_TOPPED_UP},
 * {@link Addresses#PORTFOLIO_DAY_CLOSED}; requests {@link Addresses#PORTFOLIO_QUERY}, {@link Addresses#PORTFOLIO_STOP},
 * {@link Addresses#PORTFOLIO_RESUME}, {@link Addresses#PORTFOLIO_TOPUP}.
 */
public final class NotifierVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);
    /** Batchable alerts merge once this many messages are waiting. */
    static final int BATCH_WHEN_PENDING = 3;
    static final int QUEUE_CAPACITY = 500;
    private static final int STARTUP_SNAPSHOT_TRIES = 10;

    private final BotConfig config;
    private final BotClock clock;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private TelegramGateway gateway;
    private Outbox outbox;
    private LocalDate lastSummarizedDay;

    public NotifierVerticle(BotConfig config, BotClock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        BotConfig.Telegram tg = config.telegram();
        if (!tg.botToken().isPresent()) {
            LOG.info("Telegram notifier disabled: TELEGRAM_BOT_TOKEN is not set");
            return Future.succeededFuture();
        }
        if (tg.chatId() == null || tg.chatId().isBlank()) {
            LOG.info("Telegram notifier disabled: TELEGRAM_CHAT_ID is not set");
            return Future.succeededFuture();
        }
        // charts are drawn without a display (also set on the command line; this covers embedded use)
        System.setProperty("java.awt.headless", "true");
        LocalRecordCodec.register(vertx.eventBus());
        // building the HTTP clients loads TLS trust stores: file I/O, so not on the event loop
        return vertx.executeBlocking(() -> new BotApiGateway(vertx, context, clock, tg), false)
                .compose(g -> wire(tg, g), e -> {
                    // Telegram is optional: a notifier that cannot start must not stop the bot
                    LOG.error("Telegram notifier disabled: cannot set up the Bot API client ({})",
                            new Redactor(tg.botToken().reveal()).describe(e));
                    return Future.succeededFuture();
                });
    }

    private Future<?> wire(BotConfig.Telegram tg, TelegramGateway g) {
        gateway = g;
        Redactor redactor = new Redactor(tg.botToken().reveal());
        outbox = new Outbox(vertx, clock, gateway,
                new OutboundQueue(tg.maxMessagesPerMinute(), BATCH_WHEN_PENDING, QUEUE_CAPACITY));
        PortfolioClient portfolio = new PortfolioClient(vertx.eventBus());
        SecureRandom random = new SecureRandom();
        Confirmations confirmations = new Confirmations(() -> {
            byte[] b = new byte[6];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        });
        CommandHandler commands = new CommandHandler(vertx, config, clock, portfolio, outbox, gateway,
                new Access(tg.chatId(), tg.allowedUserIds()), confirmations, new Audit(redactor));

        EventBus bus = vertx.eventBus();
        on(bus, Addresses.TRADE_EXECUTED, PortfolioEvent.TradeExecuted.class,
                e -> outbox.alert(AlertFormatter.tradeExecuted(e)));
        on(bus, Addresses.LIVE_SHADOW, updown.engine.live.ShadowTrade.class, commands::shadowTrade);
        on(bus, Addresses.TRADE_SETTLED, PortfolioEvent.TradeSettled.class,
                e -> outbox.alert(AlertFormatter.tradeSettled(e)));
        on(bus, Addresses.BREAKER_TRIPPED, PortfolioEvent.BreakerTripped.class,
                e -> outbox.alert(AlertFormatter.breakerTripped(e)));
        on(bus, Addresses.TRADING_STATE_CHANGED, PortfolioEvent.TradingStateChanged.class, e -> {
            // a change made from this chat was already answered there
            if (!fromTelegram(e.by())) {
                outbox.alert(AlertFormatter.tradingStateChanged(e));
            }
        });
        on(bus, Addresses.PORTFOLIO_TOPPED_UP, PortfolioEvent.ToppedUp.class, e -> {
            if (!fromTelegram(e.by())) {
                outbox.alert(AlertFormatter.toppedUp(e));
            }
        });
        on(bus, Addresses.PORTFOLIO_DAY_CLOSED, PortfolioEvent.DayClosed.class, this::dayClosed);

        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).map(v -> {
            gateway.startPolling(commands::handle);
            sendStartupAlert(portfolio, STARTUP_SNAPSHOT_TRIES);
            LOG.info("Telegram notifier started (chat {}, at most {} messages/minute)", tg.chatId(),
                    tg.maxMessagesPerMinute());
            return null;
        });
    }

    private static boolean fromTelegram(String by) {
        return by != null && by.startsWith("telegram:");
    }

    /** Once per closed KST day, even if the portfolio announces the same day twice. */
    private void dayClosed(PortfolioEvent.DayClosed e) {
        if (e.day() != null && e.day().equals(lastSummarizedDay)) {
            LOG.info("Telegram: daily summary for {} already sent", e.day());
            return;
        }
        lastSummarizedDay = e.day();
        outbox.alert(AlertFormatter.dayClosed(e));
    }

    /** The startup alert, with the snapshot once the portfolio answers (it may be deployed after us). */
    private void sendStartupAlert(PortfolioClient portfolio, int triesLeft) {
        portfolio.snapshot().onComplete(ar -> {
            if (outbox == null) {
                return;
            }
            if (ar.succeeded()) {
                outbox.alert(AlertFormatter.startup(config, ar.result(), null, clock.instant()));
            } else if (triesLeft > 1 && ar.cause() instanceof ReplyException re
                    && re.failureType() == ReplyFailure.NO_HANDLERS) {
                new Timers(vertx, clock).after(1_000, id -> sendStartupAlert(portfolio, triesLeft - 1));
            } else {
                outbox.alert(AlertFormatter.startup(config, null, problem(ar.cause()), clock.instant()));
            }
        });
    }

    private static String problem(Throwable e) {
        if (e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
            return "portfolio not running";
        }
        if (e instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
            return "portfolio did not answer";
        }
        return Replies.codeOf(e).name();
    }

    private <T> void on(EventBus bus, String address, Class<T> type, Handler<T> handler) {
        consumers.add(bus.<Object>consumer(address, msg -> {
            Object body = msg.body();
            if (!type.isInstance(body)) {
                LOG.warn("Telegram: ignored a {} on {} (expected {})",
                        body == null ? "null" : body.getClass().getSimpleName(), address, type.getSimpleName());
                return;
            }
            try {
                handler.handle(type.cast(body));
            } catch (RuntimeException ex) {
                // one bad event must not stop the alerts that follow
                LOG.warn("Telegram: could not format a {} alert: {}", type.getSimpleName(), ex.toString());
            }
        }));
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> done = new ArrayList<>();
        for (MessageConsumer<?> c : consumers) {
            done.add(c.unregister());
        }
        if (outbox != null) {
            outbox.close();
        }
        if (gateway != null) {
            done.add(gateway.close());
        }
        return Future.join(done);
    }
}
