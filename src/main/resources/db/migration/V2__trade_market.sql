-- UpDown ledger schema, version 2: every trade names its market series (asset × window, e.g. 'eth-15m'), so one
-- ledger holds several markets and reports group by it. Rows written before this version get the key their slug
-- spells ('btc-updown-5m-1778584200' → 'btc-5m'); a slug of another shape leaves it NULL.

ALTER TABLE trades ADD COLUMN market TEXT;

UPDATE trades
SET market = lower(substr(slug, 1, instr(slug, '-updown-') - 1)) || '-'
    || substr(substr(slug, instr(slug, '-updown-') + 8), 1, instr(substr(slug, instr(slug, '-updown-') + 8), '-') - 1)
WHERE instr(slug, '-updown-') > 1 AND instr(substr(slug, instr(slug, '-updown-') + 8), 'm-') > 1;

-- per-market P&L and exposure read the trades of one market
CREATE INDEX trades_by_market ON trades (market, opened_at_ns);
