package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import updown.bus.Addresses;
import updown.bus.Replies;
import updown.fleet.FleetCommand;
import updown.fleet.FleetView;

/** The fleet's addresses on this node's bus ({@code --cluster} only) as typed futures. */
final class FleetClient {
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(10_000);
    private final EventBus bus;

    FleetClient(EventBus bus) {
        this.bus = bus;
    }

    Future<FleetView> view() {
        return Replies.body(bus.<Object>request(Addresses.FLEET_QUERY, "fleet", OPTIONS), FleetView.class);
    }

    /** Sends the command to every node; answers how many nodes are alive. */
    Future<Long> command(FleetCommand command) {
        return Replies.body(bus.<Object>request(Addresses.FLEET_COMMAND, command, OPTIONS), Long.class);
    }
}
