package updown.repository;

import java.time.LocalDate;
import java.util.List;
import updown.domain.ControlState;
import updown.domain.LedgerEntry;
import updown.domain.Trade;

/**
 * Everything needed to rebuild the portfolio after a restart: the ledger (the truth for balance), every trade, the
 * persisted trading switch and the last closed KST day.
 *
 * @param control        null when never saved (a fresh database)
 * @param lastClosedDay  null when no day was closed yet
 */
public record StoredState(List<Trade> trades, List<LedgerEntry> ledger, ControlState control,
                          LocalDate lastClosedDay) {
    public StoredState {
        trades = List.copyOf(trades);
        ledger = List.copyOf(ledger);
    }
}
