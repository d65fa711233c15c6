/*
 * UpDown dashboard page. Live updates arrive over the Vert.x event-bus bridge (dashboard.* addresses, outbound
 * only); while the bridge is down the page polls the REST API instead. Commands go through authenticated HTTP.
 * Money arrives as decimal strings: tables and tooltips show it in full, the cards round it to cents (on the string,
 * half-even like the ledger); only the chart turns it into numbers (pixels, not sums). Every time is shown in KST
 * (UTC+9, no daylight saving), 24-hour.
 */
(function () {
  'use strict';

  var POLL_MS = 5000;
  var TRADE_ROWS = 50;
  var TOKEN_KEY = 'updown.dashboardToken';

  var pollTimer = null;
  var chart = null;
  /** The curve's balances as the ledger wrote them, for the chart's legend (its tooltip). */
  var chartBalances = [];
  var pendingCommand = null;
  var refreshTimer = null;
  var tradesTotal = 0;
  var newestFeedsTick = 0;
  /** null until the server said whether a DASHBOARD_TOKEN is configured; then true or false. */
  var commandsEnabled = null;
  var busy = false;
  var KST_OFFSET_S = 9 * 3600;

  function $(id) { return document.getElementById(id); }

  // ---- formatting (display only) ---------------------------------------------------------------------------

  /** "12.345" + 1 in the last digit, on the digits alone ("999" -> "1000"). */
  function incrementDigits(digits) {
    var out = '', carry = 1;
    for (var i = digits.length - 1; i >= 0; i--) {
      var d = digits.charCodeAt(i) - 48 + carry;
      carry = d === 10 ? 1 : 0;
      out = String(d % 10) + out;
    }
    return carry ? '1' + out : out;
  }

  /**
   * A decimal string with {@code places} decimals (null = as many as it has, at least 2) and thousands separators;
   * rounding is half-even on the digits, so no binary floating point touches money.
   */
  function decimal(s, places) {
    var m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(s));
    if (!m) { return String(s); }
    var neg = m[1] === '-', whole = m[2], frac = m[3] || '';
    var want = places === null ? Math.max(2, frac.length) : places;
    if (frac.length <= want) {
      frac += '000000000000'.slice(0, want - frac.length);
    } else {
      var digits = whole + frac.slice(0, want), rest = frac.slice(want);
      var lastOdd = (digits.charCodeAt(digits.length - 1) - 48) % 2 === 1;
      if (rest.charAt(0) > '5' || (rest.charAt(0) === '5' && (/[1-9]/.test(rest.slice(1)) || lastOdd))) {
        digits = incrementDigits(digits);
      }
      whole = digits.slice(0, digits.length - want) || '0';
      frac = digits.slice(digits.length - want);
    }
    whole = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    if (!/[1-9]/.test(whole + frac)) { neg = false; }
    return (neg ? '-' : '') + whole + (want > 0 ? '.' + frac : '');
  }

  function isAbsent(s) { return s === null || s === undefined; }

  /** Full precision (tables, tooltips). */
  function usd(s) {
    if (isAbsent(s)) { return '—'; }
    var d = decimal(s, null);
    return d.charAt(0) === '-' ? '-$' + d.slice(1) : '$' + d;
  }

  /** Cents (cards). */
  function usd2(s) {
    if (isAbsent(s)) { return '—'; }
    var d = decimal(s, 2);
    return d.charAt(0) === '-' ? '-$' + d.slice(1) : '$' + d;
  }

  function signed(text) { return text === '—' || text.charAt(0) === '-' || !/[1-9]/.test(text) ? text : '+' + text; }

  function signedUsd(s) { return signed(usd(s)); }

  function signedUsd2(s) { return signed(usd2(s)); }

  function count(n, noun) { return isAbsent(n) ? '— ' + noun + 's' : n + ' ' + noun + (n === 1 ? '' : 's'); }

  function plain(s) { return s === null || s === undefined ? '—' : String(s); }

  function percent(ratio) {
    if (ratio === null || ratio === undefined) { return '—'; }
    return (Number(ratio) * 100).toFixed(1) + '%';
  }

  /** "2026-05-12T19:00:05+09:00" -> "05-12 19:00:05" (KST strings come from the server). */
  function kstShort(s) { return s ? s.slice(5, 10) + ' ' + s.slice(11, 19) : '—'; }

  function kstTime(s) { return s ? s.slice(11, 16) : '—'; }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  /** Epoch seconds as KST parts: KST is UTC+9 all year, so shifting and reading the UTC fields is exact. */
  function kstParts(ts) {
    var d = new Date((ts + KST_OFFSET_S) * 1000);
    return {
      date: d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()),
      day: pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()),
      hm: pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()),
      hms: pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds())
    };
  }

  function age(ms) {
    if (ms === null || ms === undefined) { return '—'; }
    if (ms < 0) { ms = 0; }
    return ms < 120000 ? Math.round(ms / 1000) + ' s' : Math.round(ms / 60000) + ' min';
  }

  function setText(id, text) { $(id).textContent = text; }

  /** A card line: rounded text, and the same line in full precision as its tooltip. */
  function setCard(id, text, fullText) {
    var el = $(id);
    el.textContent = text;
    el.title = fullText === text ? '' : 'exactly ' + fullText;
  }

  function pnlClass(el, s) {
    el.classList.remove('up', 'down');
    if (s && s.charAt(0) === '-') { el.classList.add('down'); } else if (s && /[1-9]/.test(s)) { el.classList.add('up'); }
  }

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    tr.appendChild(td);
    return td;
  }

  /** A table with nothing to list says so in one muted row (tagged, so a new row can take its place). */
  function emptyRow(body, text, columns) {
    var tr = document.createElement('tr');
    tr.className = 'empty-row';
    var td = cell(tr, text, 'muted');
    td.colSpan = columns;
    body.appendChild(tr);
  }

  /**
   * A market slug that may break in one place only, before its last part ("btc-updown-5m-" / "1778580000"), so a
   * narrow column shows two clean lines instead of four ragged ones; the whole slug is also its tooltip.
   */
  function slugCell(tr, slug) {
    var td = cell(tr, '', 'slug');
    var text = plain(slug), cut = text.lastIndexOf('-') + 1;
    [text.slice(0, cut), text.slice(cut)].forEach(function (part, i) {
      if (i > 0) { td.appendChild(document.createElement('wbr')); }
      var span = document.createElement('span');
      span.textContent = part;
      td.appendChild(span);
    });
    td.title = text;
    return td;
  }

  // ---- messages ------------------------------------------------------------------------------------------

  function showMessage(text, kind) {
    var m = $('message');
    m.textContent = text;
    m.dataset.kind = kind || 'info';
    m.hidden = false;
  }

  // ---- rendering -----------------------------------------------------------------------------------------

  function renderPortfolio(p) {
    if (!p) { return; }
    setCard('balance', usd2(p.balance), usd(p.balance));
    setCard('exposure', 'open exposure ' + usd2(p.openExposure), 'open exposure ' + usd(p.openExposure));
    setCard('equity', usd2(p.equity), usd(p.equity));
    setCard('peak', 'peak ' + usd2(p.peak) + ' · drawdown ' + percent(p.drawdown),
      'peak ' + usd(p.peak) + ' · drawdown ' + percent(p.drawdown));
    setCard('pnl', signedUsd2(p.realizedPnl), signedUsd(p.realizedPnl));
    pnlClass($('pnl'), p.realizedPnl);
    setCard('fees', 'fees ' + usd2(p.totalFees) + ' · top-ups ' + usd2(p.topups),
      'fees ' + usd(p.totalFees) + ' · top-ups ' + usd(p.topups));
    var t = p.today || {};
    setCard('today-pnl', signedUsd2(t.pnl), signedUsd(t.pnl));
    pnlClass($('today-pnl'), t.pnl);
    setCard('today-detail', plain(t.day) + ' · ' + count(t.trades, 'trade') + ' · loss ' + usd2(t.loss),
      plain(t.day) + ' · ' + count(t.trades, 'trade') + ' · loss ' + usd(t.loss));
    setText('win-rate', percent(p.winRate));
    setText('wins-losses', p.wins + ' won · ' + p.losses + ' lost · ' + p.openPositions + ' open');
    var tr = p.trading || {};
    var state = $('state');
    state.textContent = plain(tr.state);
    state.dataset.state = tr.state || '';
    setText('state-reason', (tr.reason ? tr.reason + ' · ' : '') + (tr.sinceKst ? 'since ' + kstShort(tr.sinceKst) : ''));
    setText('updated', 'updated ' + kstShort(p.atKst) + ' KST');
  }

  function renderFeeds(f) {
    if (!f) { return; }
    // a poll answered before a newer tick was pushed must not paint the older picture over it
    var tickAt = f.lastTickAt ? Date.parse(f.lastTickAt) : 0;
    if (tickAt < newestFeedsTick) { return; }
    newestFeedsTick = tickAt;
    var el = $('feeds');
    el.textContent = f.healthy ? 'fresh' : 'stale';
    el.dataset.state = f.healthy ? 'fresh' : 'stale';
    var detail = f.lastTickAt === null ? 'no trader tick yet'
      : 'tick ' + age(f.tickAgeMs) + ' ago · ' + count(f.activeMarkets, 'market') + ' · '
        + count(f.staleBooks, 'stale book')
        + (f.candlesFresh ? '' : ' · BTC feed stale');
    setText('feeds-detail', detail);
    el.title = (f.reasons || []).join('\n');
  }

  /** Live mode: the wallet (the truth) beside the ledger, and the drift between them; hidden in paper mode. */
  function renderWallet(w) {
    if (!w) { return; }
    $('card-wallet').hidden = false;
    var el = $('wallet');
    setCard('wallet', usd2(w.wallet), usd(w.wallet));
    var drifting = /[1-9]/.test(String(w.drift));
    el.dataset.state = drifting ? 'stale' : 'fresh';
    setCard('wallet-detail', 'spendable ' + usd2(w.spendable) + ' · ledger ' + usd2(w.ledgerBalance)
      + (drifting ? ' · drift ' + signedUsd2(w.drift) : ' · no drift'),
      'spendable ' + usd(w.spendable) + ' · ledger ' + usd(w.ledgerBalance)
      + (drifting ? ' · drift ' + signedUsd(w.drift) : ' · no drift'));
  }

  function renderStatus(s) {
    var mode = $('mode');
    mode.textContent = String(s.mode).toUpperCase();
    mode.dataset.mode = s.mode;
    mode.title = s.mode === 'live' ? 'Trading mode: LIVE (real orders, real money)'
      : 'Trading mode: PAPER (simulated fills, no real money)';
    setCommandsEnabled(s.commandsEnabled === true);
    renderPortfolio(s.portfolio);
    renderFeeds(s.feeds);
    renderWallet(s.wallet);
  }

  /** The price paid, and the other leg's after a slash when the trade has one (an arbitrage). */
  function prices(t) { return plain(t.price) + (isAbsent(t.altPrice) ? '' : ' / ' + t.altPrice); }

  function tradeRow(t) {
    var tr = document.createElement('tr');
    tr.dataset.tradeId = t.id;
    tr.dataset.status = t.status;
    tr.dataset.market = t.market || '';
    cell(tr, t.id);
    cell(tr, kstShort(t.openedAtKst));
    cell(tr, plain(t.market));
    slugCell(tr, t.slug);
    cell(tr, t.side);
    cell(tr, prices(t), 'num');
    cell(tr, plain(t.shares), 'num');
    cell(tr, usd(t.amount), 'num');
    cell(tr, usd(t.fee), 'num');
    cell(tr, t.status === 'settled' && t.outcome ? 'settled · ' + t.outcome : plain(t.status));
    cell(tr, usd(t.payout), 'num');
    var pnl = cell(tr, isAbsent(t.pnl) ? '—' : signedUsd(t.pnl), 'num pnl');
    pnlClass(pnl, t.pnl);
    cell(tr, (t.sources || []).join(', '), 'wrap');
    return tr;
  }

  function renderTrades(page) {
    var body = $('trades').tBodies[0];
    body.textContent = '';
    page.trades.forEach(function (t) { body.appendChild(tradeRow(t)); });
    if (page.trades.length === 0) { emptyRow(body, 'no trades yet', $('trades').tHead.rows[0].cells.length); }
    tradesTotal = page.total;
    setText('trades-count', tradesTotal + ' in total');
    filterTrades();
  }

  /** Shows only the chosen market's rows (all when none is chosen). */
  function filterTrades() {
    var chosen = $('market-filter').value;
    Array.prototype.forEach.call($('trades').tBodies[0].rows, function (tr) {
      tr.hidden = chosen !== '' && tr.dataset.market !== chosen;
    });
  }

  function renderMarketPnl(data) {
    var body = $('market-pnl').tBodies[0];
    var select = $('market-filter');
    body.textContent = '';
    data.markets.forEach(function (m) {
      var tr = document.createElement('tr');
      cell(tr, m.market);
      cell(tr, m.trades, 'num');
      cell(tr, m.open, 'num');
      cell(tr, m.wins, 'num');
      cell(tr, m.losses, 'num');
      pnlClass(cell(tr, signedUsd(m.pnl), 'num'), m.pnl);
      cell(tr, usd(m.fees), 'num');
      cell(tr, usd(m.openCost), 'num');
      body.appendChild(tr);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === m.market; });
      if (!known) {
        var option = document.createElement('option');
        option.value = m.market;
        option.textContent = m.market;
        select.appendChild(option);
      }
    });
  }

  /** A trade from the bridge: replaces its row (settlement) or goes on top (new trade). */
  function upsertTrade(t) {
    var body = $('trades').tBodies[0];
    var row = tradeRow(t);
    var old = body.querySelector('tr[data-trade-id="' + String(t.id).replace(/[^0-9]/g, '') + '"]');
    if (old) {
      body.replaceChild(row, old);
    } else {
      Array.prototype.slice.call(body.querySelectorAll('tr.empty-row')).forEach(function (r) { body.removeChild(r); });
      body.insertBefore(row, body.firstChild);
      filterTrades();
      while (body.rows.length > TRADE_ROWS) { body.deleteRow(body.rows.length - 1); }
      tradesTotal += 1;
      setText('trades-count', tradesTotal + ' in total');
    }
  }

  function renderPositions(open) {
    var body = $('positions').tBodies[0];
    body.textContent = '';
    open.trades.forEach(function (t) {
      var tr = document.createElement('tr');
      tr.dataset.tradeId = t.id;
      cell(tr, t.id);
      cell(tr, kstShort(t.openedAtKst));
      slugCell(tr, t.slug);
      cell(tr, t.side);
      cell(tr, prices(t), 'num');
      cell(tr, plain(t.shares), 'num');
      cell(tr, usd(t.cost), 'num');
      cell(tr, kstShort(t.windowEndKst));
      body.appendChild(tr);
    });
    if (open.trades.length === 0) { emptyRow(body, 'no open positions', $('positions').tHead.rows[0].cells.length); }
    setText('positions-count', open.count === 0 ? 'none' : String(open.count));
  }

  function renderMarkets(view) {
    var body = $('markets').tBodies[0];
    body.textContent = '';
    view.markets.forEach(function (m) {
      var tr = document.createElement('tr');
      slugCell(tr, m.slug);
      cell(tr, kstTime(m.windowStartKst) + '–' + kstTime(m.windowEndKst));
      cell(tr, plain(m.upBid) + ' / ' + plain(m.upAsk), m.upStale ? 'num stale' : 'num');
      cell(tr, plain(m.downBid) + ' / ' + plain(m.downAsk), m.downStale ? 'num stale' : 'num');
      var stale = m.upStale || m.downStale;
      var upcoming = view.at && m.windowStart && Date.parse(m.windowStart) > Date.parse(view.at);
      if (upcoming && m.bookAgeMs === null) {
        // listed ahead of its window: no book followed yet is normal, not a fault
        cell(tr, 'starts in ' + age(Date.parse(m.windowStart) - Date.parse(view.at)), 'upcoming');
      } else {
        cell(tr, (stale ? 'stale · ' : 'fresh · ') + age(m.bookAgeMs), stale ? 'stale' : 'fresh');
      }
      cell(tr, usd(m.priceToBeat), 'num');
      cell(tr, plain(m.lastDecision), 'wrap');
      body.appendChild(tr);
    });
    if (view.markets.length === 0) { emptyRow(body, 'no active markets', $('markets').tHead.rows[0].cells.length); }
    setText('btc', 'BTC ' + usd(view.lastBtcPrice) + (view.candlesFresh ? '' : ' (stale)'));
    renderFeeds(view.feeds);
  }

  /**
   * x-axis labels in KST, 24-hour; the date goes under the first label and under each new day. The canvas hides
   * them from the DOM, so the chart element keeps the last set in data-time-axis (for people and tests).
   */
  function axisTimes(u, splits, axisIdx, space, incr) {
    var prevDay = null;
    var labels = splits.map(function (ts) {
      if (ts === null || ts === undefined || !isFinite(ts)) { return null; }
      var k = kstParts(ts);
      if (incr >= 86400) { return k.day; }
      var label = incr < 60 ? k.hms : k.hm;
      if (k.day !== prevDay) { label += '\n' + k.day; }
      prevDay = k.day;
      return label;
    });
    $('chart').dataset.timeAxis = labels.filter(Boolean).join(' | ').replace(/\n/g, ' ');
    return labels;
  }

  /** y-axis labels: whole dollars with separators, cents only when the ticks are closer than a dollar. */
  function axisDollars(u, splits, axisIdx, space, incr) {
    var places = incr < 1 ? 2 : 0;
    return splits.map(function (v) { return '$' + decimal(v.toFixed(places), places); });
  }

  function chartEmpty(text) {
    var empty = $('chart-empty');
    empty.textContent = text;
    empty.hidden = false;
    delete $('chart').dataset.timeAxis;
    if (chart) { chart.destroy(); chart = null; }
  }

  function renderEquity(curve) {
    var xs = [], ys = [], balances = [];
    (curve.points || []).forEach(function (p) {
      var at = Date.parse(p.at) / 1000;
      if (!isFinite(at) || isAbsent(p.balance)) { return; }
      xs.push(at);
      ys.push(Number(p.balance));
      balances.push(p.balance);
    });
    if (xs.length === 0) { chartEmpty('No data yet: the curve starts with the first ledger entry.'); return; }
    if (typeof uPlot === 'undefined') { return; }
    $('chart-empty').hidden = true;
    chartBalances = balances;
    if (chart) { chart.setData([xs, ys]); return; }
    var el = $('chart');
    var width = Math.max(200, el.clientWidth - 16);
    chart = new uPlot({
      width: width,
      height: 220,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Asia/Seoul'); },
      scales: {
        // a curve whose points share one instant (a single point) gets ten minutes around it: left alone, uPlot
        // widens a one-point time scale by 86 400 000 units, which in seconds is a 1000-day axis
        x: { time: true, range: function (u, min, max) {
          var xs = u.data[0];
          var only = xs.length > 0 && xs[0] === xs[xs.length - 1] ? xs[0] : null;
          return only !== null ? [only - 300, only + 300] : [min, max];
        } },
        // a flat curve (one balance so far) gets a dollar band around it, not uPlot's zero-based default
        y: { range: function (u, min, max) {
          if (min !== max) { return uPlot.rangeNum(min, max, 0.1, true); }
          var pad = Math.max(1, Math.abs(min) * 0.01);
          return [min - pad, max + pad];
        } }
      },
      series: [{
        label: 'KST',
        value: function (u, ts) { return isAbsent(ts) ? '—' : kstParts(ts).date + ' ' + kstParts(ts).hms; }
      }, {
        label: 'balance', stroke: '#2f7ed8', width: 2,
        // the balance changes in steps at ledger entries; it does not slide between them
        paths: uPlot.paths.stepped({ align: 1 }),
        // the legend is the chart's tooltip: the ledger's own string, in full
        value: function (u, v, si, idx) {
          return isAbsent(idx) || isAbsent(chartBalances[idx]) ? '—' : usd(chartBalances[idx]);
        }
      }],
      axes: [{ values: axisTimes, space: 60 }, { size: 80, values: axisDollars }]
    }, [xs, ys], el);
  }

  // ---- REST ----------------------------------------------------------------------------------------------

  function getJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { throw new Error(body.error || (path + ': HTTP ' + r.status)); }
        return body;
      });
    });
  }

  function loadStatus() { return getJson('api/status').then(renderStatus); }
  function loadTrades() { return getJson('api/trades?limit=' + TRADE_ROWS).then(renderTrades); }
  function loadPositions() { return getJson('api/positions').then(renderPositions); }
  function loadEquity() {
    return getJson('api/equity').then(renderEquity, function (e) {
      if (!chart) { chartEmpty('No data yet: the bot does not answer.'); }
      throw e;
    });
  }
  function loadMarkets() { return getJson('api/markets').then(renderMarkets); }
  function loadMarketPnl() { return getJson('api/pnl-by-market').then(renderMarketPnl); }
  function loadShadow() { return getJson('api/shadow').then(renderShadow); }

  /** Live mode: what the paper engine would have booked for each trade beside what the venue did. */
  function renderShadow(data) {
    if (!data.trades || data.trades.length === 0) { return; }
    $('shadow-section').hidden = false;
    var body = $('shadow').tBodies[0];
    body.textContent = '';
    data.trades.forEach(function (t) {
      var tr = document.createElement('tr');
      cell(tr, t.at);
      cell(tr, t.market);
      cell(tr, t.side);
      cell(tr, t.paper.filled ? t.paper.price : '—', 'num');
      cell(tr, t.live.filled ? t.live.price : '—', 'num');
      cell(tr, t.slippage === null ? '—' : t.slippage, 'num');
      cell(tr, t.paper.filled ? usd(t.paper.fee) : '—', 'num');
      cell(tr, t.live.filled ? usd(t.live.fee) : '—', 'num');
      cell(tr, t.live.filled ? '' : t.live.refusal);
      body.appendChild(tr);
    });
  }

  function loadAll() {
    loadShadow().catch(function () {});
    return Promise.allSettled([loadStatus(), loadTrades(), loadPositions(), loadEquity(), loadMarkets(),
      loadMarketPnl()])
      .then(function (results) {
        var failed = results.filter(function (r) { return r.status === 'rejected'; });
        if (failed.length > 0) { showMessage(failed[0].reason.message, 'error'); }
        // fetch rejects with a TypeError only when no answer came back at all: the dashboard itself is unreachable
        var unreachable = failed.length === results.length && failed.every(function (r) {
          return r.reason instanceof TypeError;
        });
        var state = $('connection').dataset.state;
        if (unreachable && state !== 'connected') { setConnection('unreachable'); }
        if (!unreachable && state === 'unreachable') { setConnection('polling'); }
      });
  }

  /** After a trade or a balance change: positions and the curve come from the ledger, so ask for them again. */
  function refreshLedgerViews() {
    if (refreshTimer) { return; }
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      loadPositions().catch(function () {});
      loadEquity().catch(function () {});
      loadMarketPnl().catch(function () {});
      loadShadow().catch(function () {});
    }, 200);
  }

  // ---- live updates and the polling fallback -------------------------------------------------------------

  var CONNECTION_TEXT = {
    connecting: 'connecting…',
    connected: 'connected to bot',
    polling: 'polling every ' + POLL_MS / 1000 + ' s',
    unreachable: 'bot unreachable'
  };
  var CONNECTION_TITLE = {
    connecting: 'Opening the event-bus bridge to the bot.',
    connected: 'This page receives updates pushed by the bot over the event-bus bridge.',
    polling: 'The event-bus bridge is down: this page asks the REST API every ' + POLL_MS / 1000 + ' s.',
    unreachable: 'The dashboard does not answer; retrying every ' + POLL_MS / 1000 + ' s.'
  };

  /** How this page gets its updates: a different thing from the trading mode badge beside it. */
  function setConnection(state) {
    var c = $('connection');
    c.dataset.state = state;
    $('connection-text').textContent = CONNECTION_TEXT[state];
    c.title = CONNECTION_TITLE[state] + ' (Not the trading mode.)';
  }

  function startPolling() {
    if (pollTimer) { return; }
    pollTimer = setInterval(loadAll, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
  }

  function body(message) { return message && message.body ? message.body : {}; }

  /** Counts bridge messages on the page itself (data-bridge-messages), so a person or a test can see them flow. */
  function countBridgeMessage() {
    var n = Number(document.body.dataset.bridgeMessages || '0') + 1;
    document.body.dataset.bridgeMessages = String(n);
  }

  function connectBridge() {
    if (typeof EventBus === 'undefined') { setConnection('polling'); startPolling(); return; }
    var bus = new EventBus(new URL('eventbus', document.baseURI).href);
    bus.enableReconnect(true);
    bus.onopen = function () {
      bus.registerHandler('dashboard.snapshot', function (err, m) {
        if (err) { return; }
        countBridgeMessage();
        renderPortfolio(body(m).portfolio);
        refreshLedgerViews();
      });
      bus.registerHandler('dashboard.trade', function (err, m) {
        if (err || !body(m).trade) { return; }
        countBridgeMessage();
        upsertTrade(body(m).trade);
        refreshLedgerViews();
      });
      bus.registerHandler('dashboard.wallet', function (err, m) {
        if (!err) { countBridgeMessage(); renderWallet(body(m)); }
      });
      bus.registerHandler('dashboard.markets', function (err, m) {
        if (!err) { countBridgeMessage(); renderMarkets(body(m)); }
      });
      setConnection('connected');
      stopPolling();
      loadAll();
    };
    bus.onclose = function () {
      // each failed reconnect closes again: "unreachable" (the API does not answer either) stays until a poll
      // is answered, so a retry of the bridge does not paint the badge back to "polling"
      if ($('connection').dataset.state !== 'unreachable') { setConnection('polling'); }
      startPolling();
    };
    bus.onerror = function () { /* bridge errors are shown by the connection badge */ };
  }

  // ---- commands ------------------------------------------------------------------------------------------

  function storedToken() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  function storeToken(t) {
    try { if (t) { sessionStorage.setItem(TOKEN_KEY, t); } else { sessionStorage.removeItem(TOKEN_KEY); } } catch (e) { /* private mode */ }
  }

  function post(path, payload, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(payload || {}), cache: 'no-store' })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; });
      });
  }

  function runCommand(cmd, token) {
    setBusy(true);
    post(cmd.path, cmd.payload, token).then(function (res) {
      if (res.status === 200) {
        renderPortfolio(res.body.portfolio);
        refreshLedgerViews();
        showMessage(res.body.message || 'done', 'ok');
        return;
      }
      if (res.status === 401) { storeToken(null); }
      showMessage(cmd.label + ' failed (' + res.status + '): ' + (res.body.error || 'no reason given'), 'error');
    }).catch(function (e) {
      showMessage(cmd.label + ' failed: ' + e.message, 'error');
    }).then(function () { setBusy(false); });
  }

  function command(cmd) {
    var token = storedToken();
    if (token) { runCommand(cmd, token); return; }
    pendingCommand = cmd;
    $('token-form').hidden = false;
    $('token').value = '';
    $('token').focus();
  }

  var COMMANDS_OFF = 'Commands are off: the server has no DASHBOARD_TOKEN, so this dashboard is read-only.';
  var COMMANDS_UNKNOWN = 'Waiting for the bot to say whether commands are enabled.';

  /** The buttons work only when the server has a token; the page learns that from /api/status, never the token. */
  function setCommandsEnabled(enabled) {
    commandsEnabled = enabled;
    updateControls();
  }

  function setBusy(b) {
    busy = b;
    updateControls();
  }

  function updateControls() {
    var off = commandsEnabled !== true;
    var why = commandsEnabled === false ? COMMANDS_OFF : commandsEnabled === null ? COMMANDS_UNKNOWN : '';
    ['stop', 'resume', 'topup', 'topup-amount'].forEach(function (id) {
      $(id).disabled = off || busy;
      $(id).title = why;
    });
    var controls = $('controls');
    controls.dataset.commands = commandsEnabled === true ? 'enabled' : commandsEnabled === false ? 'disabled' : 'unknown';
    controls.title = why;
    var note = $('commands-note');
    note.hidden = commandsEnabled !== false;
    note.textContent = commandsEnabled === false ? 'Read-only: set DASHBOARD_TOKEN on the server to use these.' : '';
  }

  function wireControls() {
    $('market-filter').addEventListener('change', filterTrades);
    $('stop').addEventListener('click', function () {
      command({ path: 'api/stop', payload: {}, label: 'Stop' });
    });
    $('resume').addEventListener('click', function () {
      command({ path: 'api/resume', payload: {}, label: 'Resume' });
    });
    $('topup-form').addEventListener('submit', function (e) {
      e.preventDefault();
      command({ path: 'api/topup', payload: { amount: $('topup-amount').value.trim() }, label: 'Top-up' });
    });
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var token = $('token').value.trim();
      $('token').value = '';
      $('token-form').hidden = true;
      storeToken(token);
      var cmd = pendingCommand;
      pendingCommand = null;
      if (cmd) { runCommand(cmd, token); }
    });
    $('token-cancel').addEventListener('click', function () {
      pendingCommand = null;
      $('token-form').hidden = true;
    });
    window.addEventListener('resize', function () {
      if (chart) { chart.setSize({ width: Math.max(200, $('chart').clientWidth - 16), height: 220 }); }
    });
  }

  wireControls();
  updateControls();
  loadAll();
  connectBridge();
})();
