package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Replies;
import updown.chart.EquityChart;
import updown.config.BotConfig;
import updown.config.TradingMode;
import updown.domain.Kst;
import updown.domain.MarketPnl;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.fleet.FleetCommand;
import updown.time.BotClock;

/**
 * Turns commands and button presses from the owner's chat into portfolio requests and answers. Everyone else is
 * ignored without an answer (only audited). Money-moving commands wait for a confirmation press. Runs on the
 * notifier's event loop; chart rendering goes to a worker.
 */
final class CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final Vertx vertx;
    private final BotConfig config;
    private final BotClock clock;
    private final PortfolioClient portfolio;
    private final Outbox outbox;
    private final TelegramGateway gateway;
    private final Access access;
    private final Confirmations confirmations;
    private final Audit audit;
    private final FleetClient fleet;
    /** Live mode's paper-vs-live comparisons heard on live.shadow (in memory, for /shadow). */
    private final updown.engine.live.ShadowLedger shadow = new updown.engine.live.ShadowLedger();

    CommandHandler(Vertx vertx, BotConfig config, BotClock clock, PortfolioClient portfolio, Outbox outbox,
                   TelegramGateway gateway, Access access, Confirmations confirmations, Audit audit) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.portfolio = portfolio;
        this.outbox = outbox;
        this.gateway = gateway;
        this.access = access;
        this.confirmations = confirmations;
        this.audit = audit;
        this.fleet = new FleetClient(vertx.eventBus());
    }

    void shadowTrade(updown.engine.live.ShadowTrade t) {
        shadow.add(t);
    }

    void handle(Incoming in) {
        String what = in instanceof Incoming.CommandMessage c ? c.text()
                : "button:" + ((Incoming.ButtonPress) in).data();
        if (!access.allowed(in)) {
            audit.record(in, what, access.refusal(in));
            if (in instanceof Incoming.ButtonPress b) {
                // stop the spinner, say nothing
                answer(b, null);
            }
            return;
        }
        Future<String> result;
        try {
            result = in instanceof Incoming.CommandMessage c ? command(c) : button((Incoming.ButtonPress) in);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                audit.record(in, what, ar.result());
            } else {
                LOG.warn("Telegram: command {} failed: {}", what.split("\\s")[0], ar.cause().toString());
                audit.record(in, what, "error:" + ar.cause().getClass().getSimpleName());
            }
        });
    }

    private Future<String> command(Incoming.CommandMessage c) {
        Optional<CommandParser.Parsed> parsed = CommandParser.parse(c.text(), gateway.botUserName());
        if (parsed.isEmpty()) {
            return Future.succeededFuture("ignored:not-for-this-bot");
        }
        List<String> args = parsed.get().args();
        return switch (parsed.get().name()) {
            case "start", "help" -> help();
            case "status" -> status();
            case "history" -> CommandParser.historyCount(args).map(this::history).orElseGet(() -> {
                outbox.reply(Outgoing.Text.of(Html.escape(ReplyFormatter.HISTORY_USAGE)));
                return Future.succeededFuture("usage");
            });
            case "pnl" -> pnl();
            case "shadow" -> {
                outbox.reply(Outgoing.Text.of(ShadowReply.format(shadow.recent(ShadowReply.ROWS))));
                yield Future.succeededFuture("shadow");
            }
            case "chart" -> chart();
            case "stop" -> stop(by(c));
            case "resume" -> resume(c.userId(), by(c));
            case "topup" -> topUp(c, args);
            default -> {
                outbox.reply(Outgoing.Text.of("Unknown command. /help lists what I understand."));
                yield Future.succeededFuture("unknown");
            }
        };
    }

    private Future<String> button(Incoming.ButtonPress b) {
        String data = b.data();
        if (data.startsWith(Callbacks.CONFIRM_PREFIX) || data.startsWith(Callbacks.CANCEL_PREFIX)) {
            return confirmation(b);
        }
        switch (data) {
            case Callbacks.STATUS -> {
                answer(b, null);
                return status();
            }
            case Callbacks.PNL -> {
                answer(b, null);
                return pnl();
            }
            case Callbacks.HISTORY -> {
                answer(b, null);
                return history(CommandParser.HISTORY_DEFAULT);
            }
            case Callbacks.CHART -> {
                answer(b, "Rendering chart…");
                return chart();
            }
            case Callbacks.STOP -> {
                answer(b, null);
                return stop(by(b));
            }
            case Callbacks.RESUME -> {
                answer(b, null);
                return resume(b.userId(), by(b));
            }
            default -> {
                answer(b, null);
                return Future.succeededFuture("unknown-button");
            }
        }
    }

    private Future<String> help() {
        outbox.reply(Outgoing.Text.of(ReplyFormatter.help(config.telegram().topupMax()), Keyboard.main()));
        return Future.succeededFuture("ok");
    }

    private Future<String> status() {
        Future<PortfolioSnapshot> snap = portfolio.snapshot();
        // the per-market lines are extra: without them the status is still answered
        Future<List<MarketPnl>> markets = marketPnl();
        // so are the fleet's (--cluster only): every node with its markets, state and balance
        Future<String> fleetLines = config.cluster().enabled()
                ? fleet.view().map(FleetLines::of).otherwise("") : Future.succeededFuture("");
        return replyOr("status", Future.all(snap, markets, fleetLines).map(v -> snap.result()),
                s -> Outgoing.Text.of(ReplyFormatter.status(s, clock.instant())
                        + ReplyFormatter.perMarket(markets.result(), true) + fleetLines.result(), Keyboard.main()));
    }

    /** --cluster: /stop and /resume go to every node (this one included), each doing it on its own portfolio. */
    private Future<String> fleetCommand(FleetCommand command, FleetLines.FleetCommandWord word) {
        return replyOr(word.name().toLowerCase(java.util.Locale.ROOT), fleet.command(command),
                alive -> Outgoing.Text.of(FleetLines.sent(word, alive)))
                .map(r -> r.equals("ok") ? "fleet:" + r : r);
    }

    private Future<List<MarketPnl>> marketPnl() {
        return portfolio.marketPnl().map(PortfolioCommand.MarketPnls::markets)
                .otherwise(List.of());
    }

    private Future<String> history(int n) {
        return replyOr("history", portfolio.trades(n, 0), page -> Outgoing.Text.of(ReplyFormatter.history(page)));
    }

    private Future<String> pnl() {
        Future<PortfolioSnapshot> snap = portfolio.snapshot();
        var days = portfolio.dailySnapshots();
        Future<List<MarketPnl>> markets = marketPnl();
        return replyOr("pnl", Future.all(snap, days, markets).map(v -> PnlReport.of(Kst.dayOf(clock.instant()),
                snap.result(), days.result().days())), r -> Outgoing.Text.of(ReplyFormatter.pnl(r)
                + ReplyFormatter.perMarket(markets.result(), false)));
    }

    private Future<String> chart() {
        var curve = portfolio.equity();
        Future<PortfolioSnapshot> snap = portfolio.snapshot();
        return Future.all(curve, snap).compose(v -> vertx.executeBlocking(
                        () -> render(curve.result().points()), false)
                .map(png -> {
                    outbox.reply(new Outgoing.Photo(png, "equity.png",
                            ReplyFormatter.chartCaption(snap.result(), clock.instant()), null));
                    return "ok";
                })
                .recover(e -> {
                    LOG.warn("Telegram: chart rendering failed: {}", e.toString());
                    outbox.reply(Outgoing.Text.of("⚠️ The chart could not be drawn on this machine ("
                            + Html.escape(e.getClass().getSimpleName()) + "). /pnl has the numbers."));
                    return Future.succeededFuture("failed:render");
                }), e -> {
                    ResultCode code = Replies.codeOf(e);
                    outbox.reply(Outgoing.Text.of(ReplyFormatter.failed("chart", code)));
                    return Future.succeededFuture("failed:" + code);
                });
    }

    /**
     * Draws the chart on a worker. A container without fonts makes AWT throw an Error, not an exception: turn it
     * into a failure the caller answers with text (only VM errors such as OutOfMemoryError pass through).
     */
    private static byte[] render(List<updown.domain.PortfolioCommand.EquityPoint> points) {
        try {
            return EquityChart.png("UpDown equity (KST)", points);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error | RuntimeException e) {
            throw new IllegalStateException("chart rendering failed: " + e, e);
        }
    }

    private Future<String> stop(String by) {
        if (config.cluster().enabled()) {
            return fleetCommand(new FleetCommand(FleetCommand.Action.STOP, by, "telegram /stop"),
                    FleetLines.FleetCommandWord.STOP);
        }
        return replyOr("stop", portfolio.stop(by, "telegram /stop"),
                s -> Outgoing.Text.of(ReplyFormatter.stopped(s)));
    }

    private Future<String> resume(long userId, String by) {
        if (config.cluster().enabled()) {
            return fleetCommand(new FleetCommand(FleetCommand.Action.RESUME, by, ""),
                    FleetLines.FleetCommandWord.RESUME);
        }
        return portfolio.snapshot().compose(s -> {
            TradingState state = s.control().state();
            if (state == TradingState.RUNNING) {
                outbox.reply(Outgoing.Text.of("▶️ Trading is already running."));
                return Future.succeededFuture("noop:running");
            }
            if (state == TradingState.BREAKER) {
                String nonce = confirmations.ask(new Confirmations.Action.ResumeAfterBreaker(s.control().reason()),
                        userId, clock.instant());
                outbox.reply(Outgoing.Text.of(ReplyFormatter.confirmResume(s),
                        Keyboard.confirm(nonce, "Resume trading")));
                return Future.succeededFuture("confirmation-asked");
            }
            return replyOr("resume", portfolio.resume(by), r -> Outgoing.Text.of(ReplyFormatter.resumed(r)));
        }, e -> failed("resume", e));
    }

    private Future<String> topUp(Incoming.CommandMessage c, List<String> args) {
        if (config.mode() == TradingMode.LIVE) {
            outbox.reply(Outgoing.Text.of("/topup adds paper funds; in live mode deposit to the wallet instead."));
            return Future.succeededFuture("refused:live-mode");
        }
        Usd max = config.telegram().topupMax();
        Usd fallback = Usd.min(config.trading().initialBalance(), max);
        Optional<Usd> amount = CommandParser.topUpAmount(args, fallback, max);
        if (amount.isEmpty()) {
            outbox.reply(Outgoing.Text.of(Html.escape(ReplyFormatter.topUpUsage(max))));
            return Future.succeededFuture("usage");
        }
        Usd a = amount.get();
        // the balance in the prompt is a courtesy: ask even when the snapshot is unavailable
        return portfolio.snapshot().otherwise((PortfolioSnapshot) null).map(s -> {
            String nonce = confirmations.ask(new Confirmations.Action.TopUp(a), c.userId(), clock.instant());
            outbox.reply(Outgoing.Text.of(ReplyFormatter.confirmTopUp(a, s), Keyboard.confirm(nonce, "Confirm " + Fmt.usd(a))));
            return "confirmation-asked:" + a.format();
        });
    }

    private Future<String> confirmation(Incoming.ButtonPress b) {
        boolean confirm = b.data().startsWith(Callbacks.CONFIRM_PREFIX);
        String nonce = b.data().substring(Callbacks.CONFIRM_PREFIX.length());
        Confirmations.Taken taken = confirmations.take(nonce, b.userId(), clock.instant());
        if (taken instanceof Confirmations.Taken.Expired) {
            answer(b, "This confirmation expired. Send the command again.");
            return Future.succeededFuture("expired");
        }
        if (taken instanceof Confirmations.Taken.Unknown) {
            answer(b, "Nothing to confirm (already answered or expired).");
            return Future.succeededFuture("unknown-confirmation");
        }
        if (taken instanceof Confirmations.Taken.NotYours) {
            answer(b, "Only the person who asked can answer this.");
            return Future.succeededFuture("denied:not-requester");
        }
        Confirmations.Action action = ((Confirmations.Taken.Ready) taken).action();
        if (!confirm) {
            answer(b, "Cancelled");
            outbox.reply(Outgoing.Text.of("✖️ Cancelled."));
            return Future.succeededFuture("cancelled");
        }
        answer(b, "Confirmed");
        if (action instanceof Confirmations.Action.TopUp t) {
            return replyOr("topup", portfolio.topUp(t.amount(), by(b)),
                    s -> Outgoing.Text.of(ReplyFormatter.toppedUp(t.amount(), s)))
                    .map(r -> r.equals("ok") ? "confirmed:topup " + t.amount().format() : r);
        }
        return replyOr("resume", portfolio.resume(by(b)), s -> Outgoing.Text.of(ReplyFormatter.resumed(s)))
                .map(r -> r.equals("ok") ? "confirmed:resume" : r);
    }

    /** Replies with {@code render(result)}, or with the failure's ResultCode; the audit result either way. */
    private <T> Future<String> replyOr(String what, Future<T> request, java.util.function.Function<T, Outgoing> render) {
        return request.map(r -> {
            outbox.reply(render.apply(r));
            return "ok";
        }).recover(e -> failed(what, e));
    }

    private Future<String> failed(String what, Throwable e) {
        ResultCode code = Replies.codeOf(e);
        outbox.reply(Outgoing.Text.of(ReplyFormatter.failed(what, code)));
        return Future.succeededFuture("failed:" + code);
    }

    private void answer(Incoming.ButtonPress b, String text) {
        gateway.answer(b.callbackId(), text).onFailure(e ->
                LOG.warn("Telegram: answerCallbackQuery failed: {}", e.getMessage()));
    }

    /** Who the portfolio records as the author of a change. */
    static String by(Incoming in) {
        return "telegram:" + in.userId();
    }
}
