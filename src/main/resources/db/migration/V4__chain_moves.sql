-- UpDown ledger schema, version 4: live redeems and merges done on chain are recorded in the ledger.
--
-- Two new kinds, REDEEM (winning tokens redeemed for pUSD) and MERGE (an ARB pair merged back into pUSD). They stand
-- alone like a deposit (no trade) and their amount is always zero: the trade's SETTLEMENT_CREDIT books the payout,
-- the record only says when the tokens became cash and how (condition, transaction, pUSD value, gas in the note).
-- CHECK constraints cannot be altered in place, so the ledger is rebuilt with the same columns and its rows copied
-- unchanged (sequence numbers kept); the trades table is untouched, and the new ledger references it as before.

CREATE TABLE ledger_v4 (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL
                      CHECK (kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'TRADE_DEBIT', 'SETTLEMENT_CREDIT',
                                      'TRADE_REVERSAL', 'REDEEM', 'MERGE')),
    amount_micros INTEGER NOT NULL,
    trade_id      INTEGER REFERENCES trades (id),
    at_ns         INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    CHECK ((kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'REDEEM', 'MERGE')) = (trade_id IS NULL)),
    CHECK (kind <> 'TRADE_DEBIT' OR amount_micros <= 0),
    CHECK (kind = 'TRADE_DEBIT' OR amount_micros >= 0),
    CHECK (kind NOT IN ('REDEEM', 'MERGE') OR amount_micros = 0)
) STRICT;

INSERT INTO ledger_v4 SELECT * FROM ledger;

DROP TABLE ledger;
ALTER TABLE ledger_v4 RENAME TO ledger;

CREATE UNIQUE INDEX ledger_one_initial_deposit ON ledger (kind) WHERE kind = 'INITIAL_DEPOSIT';
CREATE UNIQUE INDEX ledger_one_debit_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_DEBIT';
CREATE UNIQUE INDEX ledger_one_credit_per_trade ON ledger (trade_id) WHERE kind = 'SETTLEMENT_CREDIT';
CREATE UNIQUE INDEX ledger_one_reversal_per_trade ON ledger (trade_id) WHERE kind = 'TRADE_REVERSAL';
