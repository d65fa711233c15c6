package updown.domain;

import java.time.Instant;
import java.time.LocalDate;

/** A KST day's closing numbers, stored at 00:00 KST. */
public record DailySnapshot(LocalDate day, Usd balance, Usd equity, Usd pnl, Usd fees, int trades, int wins,
                            int losses, Instant at) {
}
