package updown.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import updown.config.BotConfig;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * {@link TelegramGateway} on the telegrambots library: {@link OkHttpTelegramClient} sends (OkHttp's own threads,
 * never the event loop) and {@link TelegramBotsLongPollingApplication} polls {@code getUpdates} on a daemon thread.
 * Library callbacks hop onto the notifier's context before anything else happens.
 *
 * <p>Token hygiene: request URLs contain the token, so every OkHttp exception is re-thrown with a cleaned message
 * (an interceptor, before the library can log it) and every failure we report is cleaned again.
 */
final class BotApiGateway implements TelegramGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BotApiGateway.class);
    /** Telegram holds a getUpdates this long when nothing happens; the read timeout must exceed it. */
    static final int POLL_TIMEOUT_SECONDS = 50;
    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final long POLL_RETRY_MIN_MS = 1_000;
    private static final long POLL_RETRY_MAX_MS = 300_000;

    private final Vertx vertx;
    private final Context context;
    private final BotClock clock;
    private final Timers timers;
    private final String token;
    private final String chatId;
    private final Redactor redactor;
    private final TelegramUrl url;
    private final ExecutorService sendThreads;
    private final ExecutorService pollHttpThreads;
    private final ScheduledExecutorService pollThread;
    private final OkHttpClient sendHttp;
    private final OkHttpClient pollHttp;
    private final OkHttpTelegramClient client;
    private volatile boolean closed;
    private volatile String botUserName;
    /** Whether getMe has answered (either way); touched on the notifier's context only. */
    private boolean nameSettled;
    private final List<Incoming> heldUntilNamed = new ArrayList<>();
    private Handler<Incoming> heldHandler;
    /** Held so the session is reachable while it runs; shut down through its executor. */
    private volatile TelegramBotsLongPollingApplication app;
    private long pollRetryMs = POLL_RETRY_MIN_MS;

    BotApiGateway(Vertx vertx, Context context, BotClock clock, BotConfig.Telegram config) {
        this.vertx = vertx;
        this.context = context;
        this.clock = clock;
        this.timers = new Timers(vertx, clock);
        this.token = config.botToken().reveal();
        this.chatId = config.chatId().strip();
        this.redactor = new Redactor(token);
        this.url = telegramUrl(config.apiUrl());
        this.sendThreads = Executors.newCachedThreadPool(daemon("updown-telegram-send"));
        this.pollHttpThreads = Executors.newCachedThreadPool(daemon("updown-telegram-poll-http"));
        this.pollThread = Executors.newSingleThreadScheduledExecutor(daemon("updown-telegram-poll"));
        Interceptor clean = this::proceedCleanly;
        this.sendHttp = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(sendThreads))
                .addInterceptor(clean)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        this.pollHttp = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(pollHttpThreads))
                .addInterceptor(clean)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(POLL_TIMEOUT_SECONDS + 25L))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        this.client = new OkHttpTelegramClient(sendHttp, token, url);
    }

    /** TELEGRAM_API_URL as the library's base URL (scheme, host, port; it adds /bot&lt;token&gt;/&lt;method&gt;). */
    static TelegramUrl telegramUrl(URI api) {
        String scheme = api.getScheme().toLowerCase(Locale.ROOT);
        int port = api.getPort() != -1 ? api.getPort() : ("https".equals(scheme) ? 443 : 80);
        return new TelegramUrl(scheme, api.getHost(), port, false);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private okhttp3.Response proceedCleanly(Interceptor.Chain chain) throws IOException {
        try {
            return chain.proceed(chain.request());
        } catch (IOException e) {
            IOException cleaned = new IOException(redactor.describe(e));
            cleaned.setStackTrace(e.getStackTrace());
            throw cleaned;
        }
    }

    @Override
    public Future<Void> send(Outgoing message) {
        if (closed) {
            return Future.failedFuture(SendFailure.unreachable("notifier closed"));
        }
        try {
            CompletableFuture<?> call;
            if (message instanceof Outgoing.Text t) {
                call = client.executeAsync(SendMessage.builder()
                        .chatId(chatId)
                        .text(t.html())
                        .parseMode(ParseMode.HTML)
                        .disableWebPagePreview(true)
                        .replyMarkup(markup(t.keyboard()))
                        .build());
            } else {
                Outgoing.Photo p = (Outgoing.Photo) message;
                // a fresh stream per attempt: a retried photo must send all its bytes again
                call = client.executeAsync(SendPhoto.builder()
                        .chatId(chatId)
                        .photo(new InputFile(new ByteArrayInputStream(p.png()), p.fileName()))
                        .caption(p.caption().isEmpty() ? null : truncate(p.caption(), Html.MAX_CAPTION))
                        .replyMarkup(markup(p.keyboard()))
                        .build());
            }
            return onContext(call).mapEmpty();
        } catch (TelegramApiException | RuntimeException e) {
            return Future.failedFuture(failure(e));
        }
    }

    @Override
    public Future<Void> answer(String callbackId, String text) {
        if (closed) {
            return Future.failedFuture(SendFailure.unreachable("notifier closed"));
        }
        try {
            AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder()
                    .callbackQueryId(callbackId).showAlert(false);
            if (text != null && !text.isEmpty()) {
                b.text(truncate(text, 200));
            }
            return onContext(client.executeAsync(b.build())).mapEmpty();
        } catch (TelegramApiException | RuntimeException e) {
            return Future.failedFuture(failure(e));
        }
    }

    @Override
    public String botUserName() {
        return botUserName;
    }

    @Override
    public void startPolling(Handler<Incoming> onIncoming) {
        if (closed) {
            return;
        }
        // registerBot calls deleteWebhook synchronously: a blocking HTTP call, so it runs on a worker
        vertx.executeBlocking(() -> register(onIncoming), false).onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.succeeded()) {
                pollRetryMs = POLL_RETRY_MIN_MS;
                LOG.info("Telegram: polling for commands at {}://{}:{}", url.getSchema(), url.getHost(),
                        url.getPort());
                fetchUserName();
            } else {
                long wait = pollRetryMs;
                pollRetryMs = Math.min(POLL_RETRY_MAX_MS, pollRetryMs * 2);
                LOG.warn("Telegram: cannot start polling ({}); retrying in {} s", redactor.describe(ar.cause()),
                        wait / 1000);
                // real network backoff, but stretched by a scaled clock like every other wait
                timers.afterAtLeastReal(wait, POLL_RETRY_MIN_MS, id ->
                        startPolling(onIncoming));
            }
        });
    }

    private Void register(Handler<Incoming> onIncoming) throws Exception {
        TelegramBotsLongPollingApplication candidate = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, () -> pollHttp, () -> pollThread);
        try {
            candidate.registerBot(token, () -> url, this::getUpdates, updates -> consume(updates, onIncoming));
        } catch (TelegramApiException | RuntimeException e) {
            closeQuietly(candidate);
            // the library's message may quote the request: report a cleaned copy, without the cause
            throw new IOException(redactor.describe(e));
        }
        app = candidate;
        return null;
    }

    private GetUpdates getUpdates(Integer lastUpdateId) {
        return GetUpdates.builder()
                .offset(lastUpdateId + 1)
                .limit(100)
                .timeout(POLL_TIMEOUT_SECONDS)
                .allowedUpdates(List.of("message", "callback_query"))
                .build();
    }

    /** On the polling thread: lift the updates into records, then hop onto the notifier's context. */
    private void consume(List<Update> updates, Handler<Incoming> onIncoming) {
        try {
            List<Incoming> read = new ArrayList<>();
            for (Update u : updates) {
                UpdateReader.read(u).ifPresent(read::add);
            }
            if (!read.isEmpty() && !closed) {
                context.runOnContext(v -> {
                    for (Incoming in : read) {
                        if (closed) {
                            return;
                        }
                        if (nameSettled) {
                            onIncoming.handle(in);
                        } else {
                            // "/cmd@OtherBot" can only be told apart once getMe answered: hold until then
                            heldUntilNamed.add(in);
                            heldHandler = onIncoming;
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            // an exception escaping here would silently end the library's polling loop
            LOG.warn("Telegram: skipped an unreadable update batch ({})", redactor.describe(e));
        }
    }

    /** getMe answered (or failed): commands held until then are handled in arrival order. */
    private void releaseHeld() {
        nameSettled = true;
        List<Incoming> held = new ArrayList<>(heldUntilNamed);
        heldUntilNamed.clear();
        for (Incoming in : held) {
            if (!closed && heldHandler != null) {
                heldHandler.handle(in);
            }
        }
    }

    private void fetchUserName() {
        try {
            onContext(client.executeAsync(new GetMe())).onComplete(ar -> {
                if (ar.succeeded() && ar.result() != null) {
                    botUserName = ar.result().getUserName();
                } else if (ar.failed()) {
                    LOG.warn("Telegram: getMe failed ({}); /cmd@name is accepted for any name",
                            ar.cause().getMessage());
                }
                releaseHeld();
            });
        } catch (TelegramApiException e) {
            LOG.warn("Telegram: getMe failed ({})", redactor.describe(e));
            releaseHeld();
        }
    }

    private <T> Future<T> onContext(CompletionStage<T> call) {
        return Future.fromCompletionStage(call, context).recover(e -> Future.failedFuture(failure(e)));
    }

    /** Maps any library or network failure to a cleaned {@link SendFailure}. */
    SendFailure failure(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SendFailure sf) {
            return sf;
        }
        String text = redactor.describe(t);
        if (t instanceof TelegramApiRequestException r) {
            Integer code = r.getErrorCode();
            if (code == null) {
                return SendFailure.serverError(0, text);
            }
            if (code == 429) {
                return SendFailure.retryAfter(retryAfter(r), text);
            }
            return code >= 500 ? SendFailure.serverError(code, text) : SendFailure.rejected(code, text);
        }
        if (t instanceof IOException) {
            return SendFailure.unreachable(text);
        }
        if (t instanceof TelegramApiException) {
            return SendFailure.rejected(0, text);
        }
        return SendFailure.serverError(0, text);
    }

    private static Duration retryAfter(TelegramApiRequestException r) {
        if (r.getParameters() != null && r.getParameters().getRetryAfter() != null) {
            return Duration.ofSeconds(Math.max(1, r.getParameters().getRetryAfter()));
        }
        Matcher m = RETRY_AFTER.matcher(String.valueOf(r.getApiResponse()));
        return m.find() ? Duration.ofSeconds(Math.max(1, Long.parseLong(m.group(1)))) : Duration.ofSeconds(30);
    }

    private static InlineKeyboardMarkup markup(Keyboard keyboard) {
        if (keyboard == null) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Keyboard.Button> row : keyboard.rows()) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Keyboard.Button b : row) {
                r.add(InlineKeyboardButton.builder().text(b.text()).callbackData(b.data()).build());
            }
            rows.add(r);
        }
        return new InlineKeyboardMarkup(rows);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void closeQuietly(TelegramBotsLongPollingApplication a) {
        try {
            a.close();
        } catch (Exception ignored) {
            // closing a session that never started polling has nothing to clean up
        }
    }

    /**
     * Stops without interrupting the poller: the running getUpdates ends on its own (Telegram answers within its
     * timeout; anything it brings is dropped unconfirmed, so Telegram delivers it again next start) and the
     * executor schedules no further poll. Interrupting it would only make the library log a spurious error.
     */
    @Override
    public Future<Void> close() {
        closed = true;
        return vertx.executeBlocking(() -> {
            pollThread.shutdown();
            sendHttp.dispatcher().cancelAll();
            sendThreads.shutdown();
            pollHttpThreads.shutdown();
            sendHttp.connectionPool().evictAll();
            return null;
        }, false).mapEmpty();
    }
}
