-- UpDown ledger schema, version 1, PostgreSQL flavour of db/migration/V1__ledger.sql (same tables, columns,
-- constraints and indexes; keep the two in step: a V2 there needs its V2 here).
--
-- Units: every *_micros column is a BIGINT number of micro-units (10^-6 dollars, shares or ratio), the project's
-- one fixed-point rule (domain/Micros); every *_ns column is BIGINT nanoseconds since 1970-01-01T00:00:00Z. No
-- column is NUMERIC or floating point, so money stays exact integers end to end.

CREATE TABLE trades (
    id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- a sequence: an id is never handed out twice
    market_id         TEXT    NOT NULL,
    slug              TEXT    NOT NULL,
    side              TEXT    NOT NULL CHECK (side IN ('BUY_UP', 'BUY_DOWN', 'ARB')),
    token_id          TEXT,
    price_micros      BIGINT  NOT NULL CHECK (price_micros >= 0),
    alt_token_id      TEXT,
    alt_price_micros  BIGINT  CHECK (alt_price_micros >= 0),    -- NULL = no Down leg; 0 is a real price
    shares_micros     BIGINT  NOT NULL,
    alt_shares_micros BIGINT,                                   -- NULL = no Down leg; 0 is a real count
    amount_micros     BIGINT  NOT NULL,
    fee_micros        BIGINT  NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('OPEN', 'SETTLED')),
    outcome           TEXT    CHECK (outcome IN ('UP', 'DOWN')),
    payout_micros     BIGINT,
    pnl_micros        BIGINT,
    sources           TEXT    NOT NULL,                         -- JSON array of strategy names, in order
    confidence_micros BIGINT  NOT NULL,
    window_end_ns     BIGINT,
    opened_at_ns      BIGINT  NOT NULL,
    settled_at_ns     BIGINT,
    external_id       TEXT,
    -- an open trade has no result yet; a settled one has all of it
    CHECK ((status = 'OPEN' AND outcome IS NULL AND payout_micros IS NULL AND pnl_micros IS NULL
                AND settled_at_ns IS NULL)
        OR (status = 'SETTLED' AND outcome IS NOT NULL AND payout_micros IS NOT NULL AND pnl_micros IS NOT NULL
                AND settled_at_ns IS NOT NULL))
);

-- the trader asks "is there an open position in this market?"
CREATE INDEX trades_open_by_market ON trades (market_id) WHERE status = 'OPEN';
-- the trades list and the `trades` command show newest first
CREATE INDEX trades_newest_first ON trades (opened_at_ns DESC, id DESC);

CREATE TABLE ledger (
    seq           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          TEXT    NOT NULL
                      CHECK (kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'TRADE_DEBIT', 'SETTLEMENT_CREDIT')),
    amount_micros BIGINT  NOT NULL,                             -- signed: debits negative, credits positive
    trade_id      BIGINT  REFERENCES trades (id),
    at_ns         BIGINT  NOT NULL,
    note          TEXT    NOT NULL,
    -- deposits and top-ups stand alone; debits and credits belong to a trade
    CHECK ((kind IN ('INITIAL_DEPOSIT', 'TOPUP')) = (trade_id IS NULL)),
    CHECK (kind <> 'TRADE_DEBIT' OR amount_micros <= 0),
    CHECK (kind = 'TRADE_DEBIT' OR amount_micros >= 0)
);

-- the money rules as constraints: the paper capital is deposited once, a trade is debited once and credited once
CREATE UNIQUE INDEX ledger_one_initial_deposit ON ledger (kind) WHERE kind = 'INITIAL_DEPOSIT';
CREATE UNIQUE INDEX ledger_one_debit_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_DEBIT';
CREATE UNIQUE INDEX ledger_one_credit_per_trade ON ledger (trade_id) WHERE kind = 'SETTLEMENT_CREDIT';

-- the trading switch: exactly one row once saved
CREATE TABLE control_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    state    TEXT    NOT NULL CHECK (state IN ('RUNNING', 'STOPPED', 'BREAKER')),
    reason   TEXT    NOT NULL,
    since_ns BIGINT
);

-- a KST day's closing numbers, one row per day (ISO yyyy-mm-dd sorts by date)
CREATE TABLE daily_snapshots (
    day            TEXT    PRIMARY KEY CHECK (length(day) = 10),
    balance_micros BIGINT  NOT NULL,
    equity_micros  BIGINT  NOT NULL,
    pnl_micros     BIGINT  NOT NULL,
    fees_micros    BIGINT  NOT NULL,
    trades         INTEGER NOT NULL,
    wins           INTEGER NOT NULL,
    losses         INTEGER NOT NULL,
    at_ns          BIGINT
);
