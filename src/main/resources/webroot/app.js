/*
 * UpDown dashboard page. Live updates arrive over the Vert.x event-bus bridge (dashboard.* addresses, outbound
 * only); while the bridge is down the page polls the REST API instead. Commands go through authenticated HTTP.
 * Money arrives as decimal strings and is shown as is; only the chart turns it into numbers (pixels, not sums).
 */
(function () {
  'use strict';

  var POLL_MS = 5000;
  var TRADE_ROWS = 50;
  var TOKEN_KEY = 'updown.dashboardToken';

  var pollTimer = null;
  var chart = null;
  var pendingCommand = null;
  var refreshTimer = null;
  var tradesTotal = 0;
  var newestFeedsTick = 0;

  function $(id) { return document.getElementById(id); }

  // ---- formatting (display only) ---------------------------------------------------------------------------

  function usd(s) {
    if (s === null || s === undefined) { return '—'; }
    return s.charAt(0) === '-' ? '-$' + s.slice(1) : '$' + s;
  }

  function signedUsd(s) {
    if (s === null || s === undefined) { return '—'; }
    return s.charAt(0) === '-' ? usd(s) : '+' + usd(s);
  }

  function plain(s) { return s === null || s === undefined ? '—' : String(s); }

  function percent(ratio) {
    if (ratio === null || ratio === undefined) { return '—'; }
    return (Number(ratio) * 100).toFixed(1) + '%';
  }

  /** "2026-05-12T19:00:05+09:00" -> "05-12 19:00:05" (KST strings come from the server). */
  function kstShort(s) { return s ? s.slice(5, 10) + ' ' + s.slice(11, 19) : '—'; }

  function kstTime(s) { return s ? s.slice(11, 16) : '—'; }

  function age(ms) {
    if (ms === null || ms === undefined) { return '—'; }
    if (ms < 0) { ms = 0; }
    return ms < 120000 ? Math.round(ms / 1000) + ' s' : Math.round(ms / 60000) + ' min';
  }

  function setText(id, text) { $(id).textContent = text; }

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
    setText('balance', usd(p.balance));
    setText('exposure', 'open exposure ' + usd(p.openExposure));
    setText('equity', usd(p.equity));
    setText('peak', 'peak ' + usd(p.peak) + ' · drawdown ' + percent(p.drawdown));
    setText('pnl', signedUsd(p.realizedPnl));
    pnlClass($('pnl'), p.realizedPnl);
    setText('fees', 'fees ' + usd(p.totalFees) + ' · top-ups ' + usd(p.topups));
    var t = p.today || {};
    setText('today-pnl', signedUsd(t.pnl));
    pnlClass($('today-pnl'), t.pnl);
    setText('today-detail', plain(t.day) + ' · ' + plain(t.trades) + ' trades · loss ' + usd(t.loss));
    setText('win-rate', percent(p.winRate));
    setText('wins-losses', p.wins + ' won · ' + p.losses + ' lost · ' + p.openPositions + ' open');
    var tr = p.trading || {};
    var state = $('state');
    state.textContent = plain(tr.state);
    state.dataset.state = tr.state || '';
    setText('state-reason', (tr.reason ? tr.reason + ' · ' : '') + (tr.sinceKst ? 'since ' + kstShort(tr.sinceKst) : ''));
    setText('updated', 'updated ' + kstShort(p.atKst));
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
      : 'tick ' + age(f.tickAgeMs) + ' ago · ' + plain(f.activeMarkets) + ' markets · ' + plain(f.staleBooks) + ' stale books'
        + (f.candlesFresh ? '' : ' · BTC feed stale');
    setText('feeds-detail', detail);
    el.title = (f.reasons || []).join('\n');
  }

  /** Live mode: the wallet (the truth) beside the ledger, and the drift between them; hidden in paper mode. */
  function renderWallet(w) {
    if (!w) { return; }
    $('card-wallet').hidden = false;
    var el = $('wallet');
    el.textContent = usd(w.wallet);
    var drifting = Number(w.drift) !== 0;
    el.dataset.state = drifting ? 'stale' : 'fresh';
    setText('wallet-detail', 'spendable ' + usd(w.spendable) + ' · ledger ' + usd(w.ledgerBalance)
      + (drifting ? ' · drift ' + signedUsd(w.drift) : ' · no drift'));
  }

  function renderStatus(s) {
    var mode = $('mode');
    mode.textContent = s.mode;
    mode.dataset.mode = s.mode;
    renderPortfolio(s.portfolio);
    renderFeeds(s.feeds);
    renderWallet(s.wallet);
  }

  function tradeRow(t) {
    var tr = document.createElement('tr');
    tr.dataset.tradeId = t.id;
    tr.dataset.status = t.status;
    tr.dataset.market = t.market || '';
    cell(tr, t.id);
    cell(tr, kstShort(t.openedAtKst));
    cell(tr, plain(t.market));
    cell(tr, t.slug, 'slug');
    cell(tr, t.side);
    cell(tr, plain(t.price), 'num');
    cell(tr, plain(t.altPrice), 'num');
    cell(tr, plain(t.shares), 'num');
    cell(tr, usd(t.amount), 'num');
    cell(tr, usd(t.fee), 'num');
    cell(tr, t.status);
    cell(tr, plain(t.outcome));
    cell(tr, usd(t.payout), 'num');
    var pnl = cell(tr, t.pnl === null ? '—' : signedUsd(t.pnl), 'num');
    pnlClass(pnl, t.pnl);
    cell(tr, (t.sources || []).join('+'));
    return tr;
  }

  function renderTrades(page) {
    var body = $('trades').tBodies[0];
    body.textContent = '';
    page.trades.forEach(function (t) { body.appendChild(tradeRow(t)); });
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
      cell(tr, t.slug, 'slug');
      cell(tr, t.side);
      cell(tr, plain(t.price), 'num');
      cell(tr, plain(t.altPrice), 'num');
      cell(tr, plain(t.shares), 'num');
      cell(tr, usd(t.cost), 'num');
      cell(tr, kstShort(t.windowEndKst));
      body.appendChild(tr);
    });
    setText('positions-count', open.count === 0 ? 'none' : String(open.count));
  }

  function renderMarkets(view) {
    var body = $('markets').tBodies[0];
    body.textContent = '';
    view.markets.forEach(function (m) {
      var tr = document.createElement('tr');
      cell(tr, m.slug, 'slug');
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
      cell(tr, plain(m.lastDecision));
      body.appendChild(tr);
    });
    if (view.markets.length === 0) {
      var tr = document.createElement('tr');
      var td = cell(tr, 'no active markets');
      td.colSpan = 7;
      body.appendChild(tr);
    }
    setText('btc', 'BTC ' + usd(view.lastBtcPrice) + (view.candlesFresh ? '' : ' (stale)'));
    renderFeeds(view.feeds);
  }

  function renderEquity(curve) {
    var xs = [], ys = [];
    curve.points.forEach(function (p) {
      xs.push(Date.parse(p.at) / 1000);
      ys.push(Number(p.balance));
    });
    if (typeof uPlot === 'undefined') { return; }
    var el = $('chart');
    var width = Math.max(200, el.clientWidth);
    if (!chart) {
      chart = new uPlot({
        width: width,
        height: 220,
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Asia/Seoul'); },
        scales: {
          // a curve whose points share one instant (or a single point) still gets a readable time axis
          x: { time: true, range: function (u, min, max) { return min === max ? [min - 300, max + 300] : [min, max]; } }
        },
        series: [{}, {
          label: 'balance', stroke: '#2f7ed8', width: 2,
          // the balance changes in steps at ledger entries; it does not slide between them
          paths: uPlot.paths.stepped({ align: 1 }),
          value: function (u, v) { return v === null ? '—' : '$' + v.toFixed(2); }
        }],
        axes: [{}, { size: 70 }]
      }, [xs, ys], el);
    } else {
      chart.setData([xs, ys]);
    }
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
  function loadEquity() { return getJson('api/equity').then(renderEquity); }
  function loadMarkets() { return getJson('api/markets').then(renderMarkets); }
  function loadMarketPnl() { return getJson('api/pnl-by-market').then(renderMarketPnl); }

  function loadAll() {
    return Promise.allSettled([loadStatus(), loadTrades(), loadPositions(), loadEquity(), loadMarkets(),
      loadMarketPnl()])
      .then(function (results) {
        var failed = results.filter(function (r) { return r.status === 'rejected'; });
        if (failed.length > 0) { showMessage(failed[0].reason.message, 'error'); }
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
    }, 200);
  }

  // ---- live updates and the polling fallback -------------------------------------------------------------

  function setConnection(state) {
    var c = $('connection');
    c.dataset.state = state;
    c.textContent = state === 'live' ? 'live' : state === 'polling' ? 'polling every ' + POLL_MS / 1000 + ' s' : state;
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
      setConnection('live');
      stopPolling();
      loadAll();
    };
    bus.onclose = function () {
      setConnection('polling');
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

  function setBusy(busy) {
    ['stop', 'resume', 'topup'].forEach(function (id) { $(id).disabled = busy; });
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
      if (chart) { chart.setSize({ width: Math.max(200, $('chart').clientWidth), height: 220 }); }
    });
  }

  wireControls();
  loadAll();
  connectBridge();
})();
