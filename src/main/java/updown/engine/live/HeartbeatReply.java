package updown.engine.live;

/**
 * The answer of {@code POST /v1/heartbeats} (clob-client-v2 {@code postHeartbeat}: {@code {heartbeat_id,
 * error_msg?}}; the docs also show {@code {"status":"ok"}}). Read by {@link ClobWire}.
 *
 * @param heartbeatId the id to send next, empty when the venue gives none
 * @param errorMsg    the venue's complaint, empty when none
 */
record HeartbeatReply(String heartbeatId, String errorMsg) {
}
