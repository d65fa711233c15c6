package updown.engine.live;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import updown.config.Secret;

/**
 * L2 authentication (every trading/account request): {@code POLY_SIGNATURE = base64url(HMAC-SHA256(base64url-decode(
 * secret), timestamp + METHOD + requestPath + body))}, body appended only when present and byte-identical to what is
 * sent; the request path carries no query string (as the official clients sign it). API-FACTS §7.3; vector
 * fixtures/signing/hmac-l2-vector.json. HMAC from the JDK's javax.crypto.
 */
public final class L2Auth {
    private L2Auth() {
    }

    /**
     * The HMAC signature. The secret may be written in the URL-safe or the standard base64 alphabet.
     *
     * @throws IllegalArgumentException when the secret is not base64 (the message never contains it)
     */
    public static String signature(Secret secret, String timestamp, String method, String requestPath, String body) {
        String message = timestamp + method + requestPath + (body == null ? "" : body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(decodeSecret(secret), "HmacSHA256"));
            byte[] sig = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JVM", e);
        }
    }

    static byte[] decodeSecret(Secret secret) {
        String s = secret.reveal().replace('+', '-').replace('/', '_');
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            // the decoder's message may quote the offending character; never pass it on
            throw new IllegalArgumentException("CLOB_API_SECRET is not base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("CLOB_API_SECRET is empty");
        }
        return key;
    }

    /** Whether a secret decodes (used by the preflight). */
    public static boolean secretDecodes(Secret secret) {
        try {
            decodeSecret(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The five L2 headers for one request. */
    public static Map<String, String> headers(String address, ApiCredentials creds, long timestampSeconds,
                                              String method, String requestPath, String body) {
        String ts = Long.toString(timestampSeconds);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("POLY_ADDRESS", address);
        h.put("POLY_SIGNATURE", signature(creds.secret(), ts, method, requestPath, body));
        h.put("POLY_TIMESTAMP", ts);
        h.put("POLY_API_KEY", creds.apiKey().reveal());
        h.put("POLY_PASSPHRASE", creds.passphrase().reveal());
        return h;
    }
}
