package updown.backtest;

import updown.config.BotConfig;
import updown.repository.StoredState;

/**
 * One finished replay: the settings it ran with, everything the portfolio stored, how the replay went, and the
 * ledger's canonical text and SHA-256 ({@link CanonicalLedger}).
 */
public record BacktestRun(BotConfig config, Backtest.Options options, StoredState state, ReplayStats stats,
                          String ledgerText, String ledgerSha256) {
}
