package updown.net;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Joining a configured base URL with a request path, and the pieces a websocket connect needs. */
public final class Urls {
    private Urls() {
    }

    /** {@code base} (with or without a trailing slash or path prefix) + {@code pathAndQuery} (starting with '/'). */
    public static String join(URI base, String pathAndQuery) {
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A URL for logs: scheme, host, port and path, without the query (which may be long). */
    public static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    public static boolean secure(URI u) {
        String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        return s.equals("wss") || s.equals("https");
    }

    public static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : secure(u) ? 443 : 80;
    }

    /** Path plus query of a URI, "/" when empty. */
    public static String requestUri(URI u) {
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
    }
}
