package updown.engine.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import updown.config.BotConfig;
import updown.config.Secret;

/**
 * Everything that must be true before live trading starts, checked from the settings alone (no network). One line
 * per problem; secrets are named, never shown. The run command prints the lines and exits 2 in live mode.
 */
public final class LivePreflight {
    private LivePreflight() {
    }

    /** The one line that refuses live mode: every problem, separated by "; ". */
    public static String refusal(List<String> problems) {
        return "TRADING_MODE=live refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "): " + String.join("; ", problems);
    }

    public static List<String> check(BotConfig config) {
        BotConfig.Live live = config.live();
        List<String> problems = new ArrayList<>();
        String keyProblem = WalletKey.problemWith(live.privateKey());
        if (keyProblem != null) {
            problems.add("PRIVATE_KEY " + keyProblem + " (the hex key of the trading wallet)");
        }
        if (!live.confirmed()) {
            problems.add("LIVE_CONFIRM must be yes to trade real money");
        }
        if (ClobContracts.forChain(live.chainId()).isEmpty()) {
            problems.add("CHAIN_ID=" + live.chainId() + ": no CLOB V2 contracts known (137 Polygon, 80002 Amoy)");
        }
        String funder = live.funderAddress() == null ? "" : live.funderAddress().strip();
        boolean funderValid = funder.matches("0x[0-9a-fA-F]{40}");
        if (!funder.isEmpty() && !funderValid) {
            problems.add("LIVE_FUNDER_ADDRESS=" + funder + ": not an address (0x and 40 hex digits)");
        }
        int type = live.signatureType();
        if (type >= 1 && type <= 3 && funder.isEmpty()) {
            problems.add("LIVE_SIGNATURE_TYPE=" + type + " (" + typeName(type)
                    + ") needs LIVE_FUNDER_ADDRESS, the wallet that holds the funds");
        }
        if (type == 0 && funderValid && keyProblem == null
                && !WalletKey.of(live.privateKey()).isAddress(funder)) {
            problems.add("LIVE_FUNDER_ADDRESS=" + funder + ": with LIVE_SIGNATURE_TYPE=0 (EOA) the funder must be "
                    + "the key's own address; use 1 (proxy), 2 (Safe) or 3 (deposit wallet) for another wallet");
        }
        if (live.maxOrderUsd().greaterThan(live.maxDailyUsd())) {
            problems.add("LIVE_MAX_ORDER_USD=" + live.maxOrderUsd() + ": must be <= LIVE_MAX_DAILY_USD ("
                    + live.maxDailyUsd() + ")");
        }
        Secret[] creds = {live.apiKey(), live.apiSecret(), live.apiPassphrase()};
        int present = 0;
        for (Secret s : creds) {
            present += s.isPresent() ? 1 : 0;
        }
        if (present != 0 && present != 3) {
            problems.add("CLOB_API_KEY, CLOB_API_SECRET, CLOB_API_PASSPHRASE: set all three or none (none = derive "
                    + "them from PRIVATE_KEY)");
        }
        if (live.apiSecret().isPresent() && !L2Auth.secretDecodes(live.apiSecret())) {
            problems.add("CLOB_API_SECRET is not base64");
        }
        String scheme = config.market().clobApiUrl().getScheme();
        String host = config.market().clobApiUrl().getHost();
        if (scheme != null && scheme.toLowerCase(Locale.ROOT).equals("http") && !isLoopback(host)) {
            problems.add("CLOB_API_URL=" + config.market().clobApiUrl() + ": live orders need https");
        }
        return problems;
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    }

    private static String typeName(int type) {
        return switch (type) {
            case 1 -> "Polymarket proxy";
            case 2 -> "Gnosis Safe";
            case 3 -> "POLY_1271 deposit wallet";
            default -> "EOA";
        };
    }
}
