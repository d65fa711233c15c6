-- UpDown ledger schema (PostgreSQL flavour), version 2: every trade names its market series (asset × window, e.g.
-- 'eth-15m'), as db/migration/V2 does for SQLite. Rows written before get the key their slug spells
-- ('btc-updown-5m-1778584200' → 'btc-5m'); a slug of another shape leaves it NULL.

ALTER TABLE trades ADD COLUMN market TEXT;

UPDATE trades
SET market = lower(substring(slug FROM '^([A-Za-z0-9]+)-updown-')) || '-' || substring(slug FROM '-updown-([0-9]+m)-')
WHERE slug ~ '^[A-Za-z0-9]+-updown-[0-9]+m-';

-- per-market P&L and exposure read the trades of one market
CREATE INDEX trades_by_market ON trades (market, opened_at_ns);
