-- UpDown ledger schema (PostgreSQL flavour), version 3: a live fill the venue reports FAILED on chain is undone, as
-- db/migration/V3 does for SQLite. A trade can be REVERSED (no outcome, no payout, P&L 0, settled_at_ns = when it was
-- undone) and the ledger gains the TRADE_REVERSAL kind, at most once per trade. PostgreSQL alters CHECK constraints
-- in place: the version 1 ones (named by PostgreSQL's defaults) are dropped and replaced, the rows stay as they are.

ALTER TABLE trades DROP CONSTRAINT trades_status_check;
ALTER TABLE trades ADD CONSTRAINT trades_status_check CHECK (status IN ('OPEN', 'SETTLED', 'REVERSED'));
ALTER TABLE trades DROP CONSTRAINT trades_check;
ALTER TABLE trades ADD CONSTRAINT trades_check CHECK (
    (status = 'OPEN' AND outcome IS NULL AND payout_micros IS NULL AND pnl_micros IS NULL AND settled_at_ns IS NULL)
    OR (status = 'SETTLED' AND outcome IS NOT NULL AND payout_micros IS NOT NULL AND pnl_micros IS NOT NULL
        AND settled_at_ns IS NOT NULL)
    OR (status = 'REVERSED' AND outcome IS NULL AND payout_micros IS NULL AND pnl_micros = 0
        AND settled_at_ns IS NOT NULL));

ALTER TABLE ledger DROP CONSTRAINT ledger_kind_check;
ALTER TABLE ledger ADD CONSTRAINT ledger_kind_check
    CHECK (kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'TRADE_DEBIT', 'SETTLEMENT_CREDIT', 'TRADE_REVERSAL'));

CREATE UNIQUE INDEX ledger_one_reversal_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_REVERSAL';
