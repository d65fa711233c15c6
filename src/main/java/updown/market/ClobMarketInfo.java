package updown.market;

import java.util.List;

/** CLOB {@code GET /markets/{conditionId}} reduced to what the resolution cross-check needs. */
record ClobMarketInfo(String conditionId, boolean closed, List<Token> tokens) {
    record Token(String tokenId, String outcome, boolean winner) {
    }

    ClobMarketInfo {
        tokens = List.copyOf(tokens);
    }
}
