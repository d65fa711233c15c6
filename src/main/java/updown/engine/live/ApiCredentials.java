package updown.engine.live;

import java.util.Objects;
import updown.config.Secret;

/**
 * CLOB API credentials (L2). The key itself is sent in every request header and is not secret in the way the HMAC
 * secret and passphrase are, but all three are kept as {@link Secret} so none is printed by accident.
 */
public record ApiCredentials(Secret apiKey, Secret secret, Secret passphrase) {
    public ApiCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(passphrase, "passphrase");
    }

    public boolean complete() {
        return apiKey.isPresent() && secret.isPresent() && passphrase.isPresent();
    }

    @Override
    public String toString() {
        return "ApiCredentials[<hidden>]";
    }
}
