package updown.engine.live;

import java.math.BigInteger;
import java.util.Locale;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import updown.config.Secret;

/**
 * The trading wallet's secp256k1 key. All elliptic-curve work is web3j's ({@link Sign}, {@link Keys}); this class only
 * keeps the key private: its text form, its exceptions and its accessors expose the address, never the key.
 */
public final class WalletKey {
    private final ECKeyPair keyPair;
    private final String address;

    private WalletKey(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
    }

    /**
     * Parses a hex private key (64 hex digits, optional 0x).
     *
     * @throws IllegalArgumentException with a message that never contains the key
     */
    public static WalletKey of(Secret privateKey) {
        String problem = problemWith(privateKey);
        if (problem != null) {
            throw new IllegalArgumentException("PRIVATE_KEY " + problem);
        }
        return new WalletKey(ECKeyPair.create(new BigInteger(strip(privateKey.reveal()), 16)));
    }

    /** Why a private key setting is unusable (missing, not hex, out of range), or null when it is fine. */
    public static String problemWith(Secret privateKey) {
        if (privateKey == null || !privateKey.isPresent()) {
            return "is missing";
        }
        String hex = strip(privateKey.reveal());
        if (hex.length() != 64 || !hex.matches("[0-9a-fA-F]+")) {
            return "must be 64 hex digits (optionally 0x-prefixed)";
        }
        BigInteger k = new BigInteger(hex, 16);
        if (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            return "is not a valid secp256k1 private key";
        }
        return null;
    }

    private static String strip(String s) {
        String t = s.strip();
        return t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
    }

    /** The EIP-55 checksummed address of this key. */
    public String address() {
        return address;
    }

    /** Signs a 32-byte digest as is (no message prefix): 65 bytes r‖s‖v with v = 27/28, as 0x-hex. */
    public String signDigest(byte[] digest) {
        Sign.SignatureData sig = Sign.signMessage(digest, keyPair, false);
        return Signatures.toHex(sig);
    }

    /**
     * Signs a transaction (EIP-1559 when {@code tx} was made with a chain id and fee caps) with web3j's encoder: the
     * raw bytes to broadcast. The key never leaves this class.
     */
    public byte[] signTransaction(org.web3j.crypto.RawTransaction tx) {
        return org.web3j.crypto.TransactionEncoder.signMessage(tx, org.web3j.crypto.Credentials.create(keyPair));
    }

    /** Whether an address (any case) is this key's. */
    public boolean isAddress(String other) {
        return other != null && other.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "WalletKey[" + address + "]";
    }

    /** Hex helpers kept beside the key so nothing else formats signatures differently. */
    static final class Signatures {
        private Signatures() {
        }

        static String toHex(Sign.SignatureData sig) {
            byte[] out = new byte[65];
            System.arraycopy(sig.getR(), 0, out, 0, 32);
            System.arraycopy(sig.getS(), 0, out, 32, 32);
            out[64] = sig.getV()[0];
            return Numeric.toHexString(out);
        }
    }
}
