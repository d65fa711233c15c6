package updown.engine.live;

import io.vertx.core.Future;
import updown.domain.WalletBalance;

/** Something that can ask the venue what the live wallet holds (the live engine; a fake in tests). */
@FunctionalInterface
public interface WalletSource {
    Future<WalletBalance> walletBalance();
}
