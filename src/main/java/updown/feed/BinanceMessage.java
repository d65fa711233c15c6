package updown.feed;

import updown.domain.Candle;

/** One message of the Binance market-data websocket, parsed and typed (API-FACTS §5). */
sealed interface BinanceMessage {

    /** A kline update; {@code candle.closed()} is the {@code x} flag. */
    record Kline(String symbol, String interval, Candle candle, long eventTimeMs) implements BinanceMessage {
    }

    /** {@code serverShutdown}: the server is about to close this connection. */
    record ServerShutdown(long eventTimeMs) implements BinanceMessage {
    }

    /** {@code {"result":null,"id":1}}: the answer to a (un)subscribe request. */
    record Ack(long id) implements BinanceMessage {
    }
}
