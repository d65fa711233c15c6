-- UpDown ledger schema, version 3: a live fill the venue reports FAILED on chain is undone.
--
-- A trade can now be REVERSED (no outcome, no payout, P&L 0, settled_at_ns = when it was undone), and the ledger gains
-- the TRADE_REVERSAL kind: the trade's amount + fee credited back, at most once per trade. CHECK constraints cannot be
-- altered in place, so both tables are rebuilt with the same columns (version 2's market last, where its ALTER put
-- it) and their rows copied unchanged (ids and sequence numbers kept). The ledger's copy is made to reference the new trades table before the old tables go, and
-- renaming carries that reference over, so no foreign key ever points at a missing table.

CREATE TABLE trades_v2 (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    market_id         TEXT    NOT NULL,
    slug              TEXT    NOT NULL,
    side              TEXT    NOT NULL CHECK (side IN ('BUY_UP', 'BUY_DOWN', 'ARB')),
    token_id          TEXT,
    price_micros      INTEGER NOT NULL CHECK (price_micros >= 0),
    alt_token_id      TEXT,
    alt_price_micros  INTEGER CHECK (alt_price_micros >= 0),
    shares_micros     INTEGER NOT NULL,
    alt_shares_micros INTEGER,
    amount_micros     INTEGER NOT NULL,
    fee_micros        INTEGER NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('OPEN', 'SETTLED', 'REVERSED')),
    outcome           TEXT    CHECK (outcome IN ('UP', 'DOWN')),
    payout_micros     INTEGER,
    pnl_micros        INTEGER,
    sources           TEXT    NOT NULL,
    confidence_micros INTEGER NOT NULL,
    window_end_ns     INTEGER,
    opened_at_ns      INTEGER NOT NULL,
    settled_at_ns     INTEGER,
    external_id       TEXT,
    market            TEXT,
    CHECK ((status = 'OPEN' AND outcome IS NULL AND payout_micros IS NULL AND pnl_micros IS NULL
                AND settled_at_ns IS NULL)
        OR (status = 'SETTLED' AND outcome IS NOT NULL AND payout_micros IS NOT NULL AND pnl_micros IS NOT NULL
                AND settled_at_ns IS NOT NULL)
        OR (status = 'REVERSED' AND outcome IS NULL AND payout_micros IS NULL AND pnl_micros = 0
                AND settled_at_ns IS NOT NULL))
) STRICT;

INSERT INTO trades_v2 SELECT * FROM trades;

CREATE TABLE ledger_v2 (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL
                      CHECK (kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'TRADE_DEBIT', 'SETTLEMENT_CREDIT',
                                      'TRADE_REVERSAL')),
    amount_micros INTEGER NOT NULL,
    trade_id      INTEGER REFERENCES trades_v2 (id),
    at_ns         INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    CHECK ((kind IN ('INITIAL_DEPOSIT', 'TOPUP')) = (trade_id IS NULL)),
    CHECK (kind <> 'TRADE_DEBIT' OR amount_micros <= 0),
    CHECK (kind = 'TRADE_DEBIT' OR amount_micros >= 0)
) STRICT;

INSERT INTO ledger_v2 SELECT * FROM ledger;

DROP TABLE ledger;
DROP TABLE trades;
ALTER TABLE trades_v2 RENAME TO trades;
ALTER TABLE ledger_v2 RENAME TO ledger;

CREATE INDEX trades_open_by_market ON trades (market_id) WHERE status = 'OPEN';
CREATE INDEX trades_newest_first ON trades (opened_at_ns DESC, id DESC);
CREATE INDEX trades_by_market ON trades (market, opened_at_ns);
CREATE UNIQUE INDEX ledger_one_initial_deposit ON ledger (kind) WHERE kind = 'INITIAL_DEPOSIT';
CREATE UNIQUE INDEX ledger_one_debit_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_DEBIT';
CREATE UNIQUE INDEX ledger_one_credit_per_trade ON ledger (trade_id) WHERE kind = 'SETTLEMENT_CREDIT';
CREATE UNIQUE INDEX ledger_one_reversal_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_REVERSAL';
