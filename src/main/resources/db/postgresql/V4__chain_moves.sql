-- UpDown ledger schema (PostgreSQL flavour), version 4: live redeems and merges done on chain are recorded in the
-- ledger, as db/migration/V4 does for SQLite. Two new kinds, REDEEM and MERGE, stand alone (no trade) with amount
-- zero: the trade's SETTLEMENT_CREDIT books the payout, the record keeps condition, transaction, pUSD value and gas.
-- PostgreSQL alters CHECK constraints in place: the kind list (ledger_kind_check, as version 3 named it) and the
-- "deposits stand alone" rule (version 1's first unnamed table check, ledger_check) are replaced; rows stay.

ALTER TABLE ledger DROP CONSTRAINT ledger_kind_check;
ALTER TABLE ledger ADD CONSTRAINT ledger_kind_check
    CHECK (kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'TRADE_DEBIT', 'SETTLEMENT_CREDIT', 'TRADE_REVERSAL', 'REDEEM',
                    'MERGE'));
ALTER TABLE ledger DROP CONSTRAINT ledger_check;
ALTER TABLE ledger ADD CONSTRAINT ledger_check
    CHECK ((kind IN ('INITIAL_DEPOSIT', 'TOPUP', 'REDEEM', 'MERGE')) = (trade_id IS NULL));
ALTER TABLE ledger ADD CONSTRAINT ledger_chain_move_zero
    CHECK (kind NOT IN ('REDEEM', 'MERGE') OR amount_micros = 0);
