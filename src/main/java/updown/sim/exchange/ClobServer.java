package updown.sim.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Micros;
import updown.synthetic.SimWindow;

/**
 * The CLOB: REST market data ({@code /book}, {@code /books}, {@code /price}, {@code /midpoint}, {@code /spread},
 * {@code /last-trade-price}, {@code /tick-size}, {@code /neg-risk}, {@code /fee-rate}, {@code /markets/{id}},
 * {@code /clob-markets/{id}}, {@code /time}) and, on the same port, the market websocket at {@code /ws/market}.
 */
final class ClobServer {
    static final String WS_PATH = "/ws/market";
    private static final Pattern TOKEN = Pattern.compile("\\d{1,80}");
    private static final String NO_BOOK = "No orderbook exists for the requested token id";

    private final HttpVenue http;
    private final ClobMarketChannel channel;

    ClobServer(HttpVenue http, ClobMarketChannel channel) {
        this.http = http;
        this.channel = channel;
    }

    Future<HttpServer> listen(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(http::faultFilter);
        r.get("/book").handler(ctx -> withBook(ctx, b -> ClobJson.restBook(b.window, b.book)));
        r.post("/books").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(this::books);
        r.get("/price").handler(this::price);
        r.get("/midpoint").handler(ctx -> withBook(ctx, b -> new JsonObject().put("mid", mid(b.book))));
        r.get("/spread").handler(ctx -> withBook(ctx, b -> new JsonObject().put("spread", spread(b.book))));
        r.get("/last-trade-price").handler(ctx -> withBook(ctx, b -> new JsonObject()
                .put("price", b.book.bestAsk().map(Price::format).orElse("0")).put("side", "BUY")));
        r.get("/tick-size").handler(ctx -> withBook(ctx, b -> new JsonObject().put("minimum_tick_size", 0.01)));
        r.get("/neg-risk").handler(ctx -> withBook(ctx, b -> new JsonObject().put("neg_risk", false)));
        r.get("/fee-rate").handler(ctx -> withBook(ctx, b -> new JsonObject().put("base_fee", 1000)));
        r.get("/markets/:conditionId").handler(ctx -> market(ctx, false));
        r.get("/clob-markets/:conditionId").handler(ctx -> market(ctx, true));
        r.get("/time").handler(ctx -> http.json(ctx, 200, state().now().getEpochSecond()));
        r.route().last().handler(ctx -> http.error(ctx, 404, "not found"));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(channel::accept)
                .requestHandler(r)
                .listen();
    }

    private void handshake(ServerWebSocketHandshake h) {
        String path = h.path();
        if (WS_PATH.equals(path) || (WS_PATH + "/").equals(path)) {
            h.accept();
        } else {
            h.reject(404);
        }
    }

    private ExchangeState state() {
        return http.state();
    }

    private record TokenBook(SimWindow window, OrderBook book) {
    }

    /** Resolves {@code token_id} to a live book (400 on a bad id, 404 when there is no book) and answers. */
    private void withBook(RoutingContext ctx, java.util.function.Function<TokenBook, Object> body) {
        String token = ctx.request().getParam("token_id");
        if (token == null || !TOKEN.matcher(token.strip()).matches()) {
            http.error(ctx, 400, "Invalid token id");
            return;
        }
        Optional<TokenBook> b = book(token.strip());
        if (b.isEmpty()) {
            http.error(ctx, 404, NO_BOOK);
            return;
        }
        http.json(ctx, 200, body.apply(b.get()));
    }

    private Optional<TokenBook> book(String token) {
        return state().bookWindow(token)
                .map(w -> new TokenBook(w, state().books(w).of(w.outcomeOf(token))));
    }

    private void books(RoutingContext ctx) {
        JsonArray req;
        try {
            req = ctx.body().asJsonArray();
        } catch (DecodeException | ClassCastException e) {
            req = null;
        }
        if (req == null) {
            http.error(ctx, 400, "Invalid payload");
            return;
        }
        JsonArray out = new JsonArray();
        for (Object item : req) {
            if (!(item instanceof JsonObject o) || !(o.getValue("token_id") instanceof String token)) {
                http.error(ctx, 400, "Invalid payload");
                return;
            }
            book(token.strip()).ifPresent(b -> out.add(ClobJson.restBook(b.window, b.book)));
        }
        http.json(ctx, 200, out);
    }

    private void price(RoutingContext ctx) {
        String side = ctx.request().getParam("side");
        String s = side == null ? "" : side.strip().toUpperCase(Locale.ROOT);
        if (!s.equals("BUY") && !s.equals("SELL")) {
            http.error(ctx, 400, "Invalid side");
            return;
        }
        // BUY answers the best bid, SELL the best ask (what a seller / buyer would get)
        withBook(ctx, b -> new JsonObject().put("price",
                (s.equals("BUY") ? b.book.bestBid() : b.book.bestAsk()).map(Price::format).orElse("0")));
    }

    private static String mid(OrderBook b) {
        long bid = b.bestBid().map(Price::micros).orElse(0L);
        long ask = b.bestAsk().map(Price::micros).orElse(Micros.ONE);
        return Micros.format((bid + ask) / 2, 2);
    }

    private static String spread(OrderBook b) {
        long bid = b.bestBid().map(Price::micros).orElse(0L);
        long ask = b.bestAsk().map(Price::micros).orElse(Micros.ONE);
        return Micros.format(ask - bid, 2);
    }

    private void market(RoutingContext ctx, boolean shortForm) {
        Optional<SimWindow> w = state().find(m -> m.windowById(ctx.pathParam("conditionId")))
                .filter(x -> x.conditionId().equalsIgnoreCase(ctx.pathParam("conditionId")))
                .filter(state()::listed);
        if (w.isEmpty()) {
            http.error(ctx, 404, "market not found");
            return;
        }
        http.json(ctx, 200, shortForm ? ClobJson.clobMarket(w.get(), state()) : ClobJson.market(w.get(), state()));
    }
}
