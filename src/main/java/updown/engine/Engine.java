package updown.engine;

import io.vertx.core.Future;

/**
 * HOW to trade: turns an order into a fill. PaperEngine simulates against the books; LiveEngine sends real orders.
 * Swapping one for the other changes nothing above this interface. Expected refusals (too small, no liquidity,
 * insufficient balance) come back as {@link Execution.Rejected}; a failed future means the engine itself broke.
 */
public interface Engine {
    String name();

    Future<Execution> execute(Order order);
}
