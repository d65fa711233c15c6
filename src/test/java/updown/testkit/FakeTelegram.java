package updown.testkit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Bot API for tests: a Vert.x HTTP server on 127.0.0.1 answering {@code POST /bot<token>/<method>} in the
 * real wire formats of {@code fixtures/telegram/} — JSON bodies, {@code getUpdates} long polling (held until an
 * update arrives, the request's timeout passes, or the fake closes), {@code sendPhoto} as multipart. Every call is
 * recorded with the time of the injected clock, so rate limits can be checked in virtual time. Scripted answers
 * (a 429, a 500) can be queued per method.
 */
public final class FakeTelegram {
    public static final String BOT_USERNAME = "updown_test_bot";
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");

    /** One request as the fake saw it. */
    public record Call(String method, JsonObject json, Map<String, String> form, byte[] file, String fileName,
                       String fileContentType, int status, Instant at) {
        /** chat_id as text whether it came as a JSON number, a JSON string or a form field. */
        public String chatId() {
            Object v = json != null ? json.getValue("chat_id") : form.get("chat_id");
            return v == null ? null : v.toString();
        }

        public String text() {
            return json == null ? null : json.getString("text");
        }

        /** Every callback_data of the inline keyboard, in order. */
        public List<String> callbackData() {
            List<String> out = new ArrayList<>();
            JsonObject markup = json == null ? null : json.getJsonObject("reply_markup");
            if (markup == null) {
                return out;
            }
            for (Object row : markup.getJsonArray("inline_keyboard", new JsonArray())) {
                for (Object b : (JsonArray) row) {
                    out.add(((JsonObject) b).getString("callback_data"));
                }
            }
            return out;
        }
    }

    private record Scripted(int status, String body) {
    }

    private record HeldPoll(HttpServerRequest request, long offset, long timerId) {
    }

    private record Waiter(Predicate<Call> match, int count, Promise<List<Call>> promise) {
    }

    private final Vertx vertx;
    private final String token;
    private final Clock clock;
    private final Context context;
    private final List<Call> calls = new ArrayList<>();
    private final List<JsonObject> updates = new ArrayList<>();
    private final List<HeldPoll> held = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, Deque<Scripted>> scripts = new HashMap<>();
    private HttpServer server;
    private volatile int port;
    private long nextUpdateId = 100_000_001L;
    private int nextMessageId = 45;
    private int nextCallbackId = 1;

    public FakeTelegram(Vertx vertx, String token, Clock clock) {
        this.vertx = vertx;
        this.token = token;
        this.clock = clock;
        this.context = vertx.getOrCreateContext();
    }

    /** Starts listening on an ephemeral loopback port. */
    public Future<FakeTelegram> start() {
        Promise<FakeTelegram> started = Promise.promise();
        context.runOnContext(v -> vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .onSuccess(s -> {
                    server = s;
                    port = s.actualPort();
                }).map(this).onComplete(started));
        return started.future();
    }

    /** The TELEGRAM_API_URL pointing here. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    // ---- scripting -----------------------------------------------------------------------------------------------

    /** The next call of {@code method} gets this status and body instead of the normal answer. */
    public Future<Void> respondNext(String method, int status, String body) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            scripts.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Scripted(status, body));
            done.complete();
        });
        return done.future();
    }

    /** A user sends a text (a command) in a chat, shaped like {@code getUpdates-command.assembled.json}. */
    public void pushCommand(long chatId, long userId, String text) {
        JsonObject update = firstUpdate("getUpdates-command.assembled.json");
        JsonObject msg = update.getJsonObject("message");
        msg.put("message_id", nextMessageId());
        msg.getJsonObject("from").put("id", userId).put("username", "user" + userId);
        msg.put("chat", chat(chatId, userId));
        msg.put("date", clock.instant().getEpochSecond());
        msg.put("text", text);
        String head = text.strip().split("\\s+")[0];
        msg.put("entities", new JsonArray().add(new JsonObject().put("offset", 0).put("length", head.length())
                .put("type", "bot_command")));
        push(update);
    }

    /** A user presses an inline button under a bot message in a chat, shaped like the callback fixture. */
    public void pushCallback(long chatId, long userId, String data) {
        JsonObject update = firstUpdate("getUpdates-callback-query.assembled.json");
        JsonObject q = update.getJsonObject("callback_query");
        synchronized (this) {
            q.put("id", "cbq-" + (nextCallbackId++));
        }
        q.getJsonObject("from").put("id", userId).put("username", "user" + userId);
        q.getJsonObject("message").put("chat", chat(chatId, userId));
        q.put("data", data);
        push(update);
    }

    private synchronized int nextMessageId() {
        return nextMessageId++;
    }

    private static JsonObject chat(long chatId, long userId) {
        return chatId < 0
                ? new JsonObject().put("id", chatId).put("title", "UpDown alerts").put("type", "supergroup")
                : new JsonObject().put("id", chatId).put("first_name", "Test").put("username", "user" + userId)
                .put("type", "private");
    }

    private static JsonObject firstUpdate(String fixture) {
        return new JsonObject(Fixtures.fixture("telegram/" + fixture)).getJsonArray("result").getJsonObject(0);
    }

    private void push(JsonObject update) {
        context.runOnContext(v -> {
            update.put("update_id", nextUpdateId++);
            updates.add(update);
            answerHeldPolls();
        });
    }

    // ---- observing -----------------------------------------------------------------------------------------------

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Completes once {@code count} recorded calls match (immediately if they already do). */
    public Future<List<Call>> awaitCalls(Predicate<Call> match, int count) {
        synchronized (this) {
            List<Call> found = calls.stream().filter(match).toList();
            if (found.size() >= count) {
                return Future.succeededFuture(found);
            }
            Promise<List<Call>> p = Promise.promise();
            waiters.add(new Waiter(match, count, p));
            return p.future();
        }
    }

    public Future<Call> awaitCall(Predicate<Call> match) {
        return awaitCalls(match, 1).map(l -> l.get(l.size() - 1));
    }

    /** A successful sendMessage whose text contains {@code fragment}. */
    public Future<Call> awaitMessage(String fragment) {
        return awaitCall(c -> c.method().equals("sendMessage") && c.status() == 200 && c.text() != null
                && c.text().contains(fragment));
    }

    private void record(Call call) {
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            calls.add(call);
            Iterator<Waiter> it = waiters.iterator();
            while (it.hasNext()) {
                Waiter w = it.next();
                List<Call> found = calls.stream().filter(w.match()).toList();
                if (found.size() >= w.count()) {
                    it.remove();
                    done.add(() -> w.promise().tryComplete(found));
                }
            }
        }
        done.forEach(Runnable::run);
    }

    // ---- serving -------------------------------------------------------------------------------------------------

    private void handle(HttpServerRequest req) {
        Matcher m = PATH.matcher(req.path());
        if (!"POST".equals(req.method().name()) || !m.matches()) {
            req.response().setStatusCode(404).end(error(404, "Not Found"));
            return;
        }
        // Bot API method names are case-insensitive (telegrambots sends "sendmessage"); record the documented spelling
        String method = canonical(m.group(2));
        boolean tokenOk = m.group(1).equals(token);
        String contentType = String.valueOf(req.getHeader("Content-Type"));
        if (contentType.startsWith("multipart/form-data")) {
            req.setExpectMultipart(true);
            Buffer file = Buffer.buffer();
            String[] fileMeta = new String[2];
            req.uploadHandler(upload -> {
                fileMeta[0] = upload.filename();
                fileMeta[1] = upload.contentType();
                upload.handler(file::appendBuffer);
            });
            req.endHandler(v -> {
                MultiMap attrs = req.formAttributes();
                Map<String, String> form = new LinkedHashMap<>();
                attrs.forEach(e -> form.put(e.getKey(), e.getValue()));
                answer(req, method, tokenOk, null, form, file.getBytes(), fileMeta[0], fileMeta[1]);
            });
        } else {
            req.body().onSuccess(buf -> {
                JsonObject json;
                try {
                    json = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
                } catch (RuntimeException e) {
                    req.response().setStatusCode(400).end(error(400, "Bad Request: can't parse JSON"));
                    return;
                }
                answer(req, method, tokenOk, json, Map.of(), null, null, null);
            });
        }
    }

    private static String canonical(String method) {
        for (String known : List.of("getUpdates", "deleteWebhook", "getMe", "sendMessage", "sendPhoto",
                "answerCallbackQuery")) {
            if (known.equalsIgnoreCase(method)) {
                return known;
            }
        }
        return method;
    }

    private void answer(HttpServerRequest req, String method, boolean tokenOk, JsonObject json,
                        Map<String, String> form, byte[] file, String fileName, String fileType) {
        if (!tokenOk) {
            respond(req, 401, Fixtures.fixture("telegram/error-401-unauthorized.assembled.json"));
            return;
        }
        Deque<Scripted> script = scripts.get(method);
        Scripted s = script == null ? null : script.poll();
        if (s != null) {
            record(new Call(method, json, form, file, fileName, fileType, s.status(), clock.instant()));
            respond(req, s.status(), s.body());
            return;
        }
        if (method.equals("getUpdates")) {
            record(new Call(method, json, form, null, null, null, 200, clock.instant()));
            long offset = json.getLong("offset", 0L);
            long timeoutSeconds = json.getLong("timeout", 0L);
            List<JsonObject> ready = pending(offset);
            if (!ready.isEmpty() || timeoutSeconds <= 0) {
                respond(req, 200, ok(new JsonArray(ready)));
                return;
            }
            long timer = vertx.setTimer(timeoutSeconds * 1000, id -> release(req));
            held.add(new HeldPoll(req, offset, timer));
            return;
        }
        record(new Call(method, json, form, file, fileName, fileType, 200, clock.instant()));
        respond(req, 200, switch (method) {
            case "deleteWebhook" -> ok(true);
            case "getMe" -> ok(new JsonObject().put("id", 987654321L).put("is_bot", true)
                    .put("first_name", "UpDown").put("username", BOT_USERNAME));
            case "sendMessage" -> sentMessage(json);
            case "sendPhoto" -> sentPhoto(form);
            case "answerCallbackQuery" -> Fixtures.fixture("telegram/answerCallbackQuery-response.json");
            default -> error(404, "Not Found: method not found");
        });
    }

    private List<JsonObject> pending(long offset) {
        // an offset confirms every earlier update, as the real API does
        updates.removeIf(u -> u.getLong("update_id") < offset);
        return List.copyOf(updates);
    }

    private void answerHeldPolls() {
        Iterator<HeldPoll> it = held.iterator();
        while (it.hasNext()) {
            HeldPoll h = it.next();
            List<JsonObject> ready = pending(h.offset());
            if (!ready.isEmpty()) {
                it.remove();
                vertx.cancelTimer(h.timerId());
                respond(h.request(), 200, ok(new JsonArray(ready)));
            }
        }
    }

    private void release(HttpServerRequest req) {
        held.removeIf(h -> h.request() == req);
        respond(req, 200, ok(new JsonArray()));
    }

    private String sentMessage(JsonObject req) {
        JsonObject r = new JsonObject(Fixtures.fixture("telegram/sendMessage-response.assembled.json"));
        JsonObject msg = r.getJsonObject("result");
        msg.put("message_id", nextMessageId());
        msg.put("date", clock.instant().getEpochSecond());
        msg.put("text", req.getString("text", ""));
        msg.remove("entities");
        Object chat = req.getValue("chat_id");
        msg.getJsonObject("chat").put("id", Long.parseLong(String.valueOf(chat)));
        if (req.getJsonObject("reply_markup") != null) {
            msg.put("reply_markup", req.getJsonObject("reply_markup"));
        } else {
            msg.remove("reply_markup");
        }
        return r.encode();
    }

    private String sentPhoto(Map<String, String> form) {
        JsonObject r = new JsonObject(Fixtures.fixture("telegram/sendPhoto-response.assembled.json"));
        JsonObject msg = r.getJsonObject("result");
        msg.put("message_id", nextMessageId());
        msg.put("caption", form.getOrDefault("caption", ""));
        return r.encode();
    }

    private static String ok(Object result) {
        return new JsonObject().put("ok", true).put("result", result).encode();
    }

    private static String error(int code, String description) {
        return new JsonObject().put("ok", false).put("error_code", code).put("description", description).encode();
    }

    private static void respond(HttpServerRequest req, int status, String body) {
        if (!req.response().ended() && !req.response().closed()) {
            req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        }
    }

    /** Answers held polls with an empty result, then stops listening (idempotent). */
    public Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            for (HeldPoll h : List.copyOf(held)) {
                vertx.cancelTimer(h.timerId());
                respond(h.request(), 200, ok(new JsonArray()));
            }
            held.clear();
            HttpServer s = server;
            server = null;
            (s == null ? Future.<Void>succeededFuture() : s.close()).onComplete(closed);
        });
        return closed.future();
    }
}
