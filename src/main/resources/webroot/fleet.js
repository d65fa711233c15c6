/*
 * The fleet section (only when this node runs with --cluster): every node of the cluster with its markets, trading
 * state, money and last tick, alive or gone, and the fleet's latest trades, from GET api/fleet every 2 s; two buttons
 * stop or resume every node (POST api/fleet/stop|resume with the dashboard token this tab already holds).
 */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var TOKEN_KEY = 'updown.dashboardToken';
  var TRADE_ROWS = 10;

  function $(id) { return document.getElementById(id); }

  function kst(iso) {
    if (!iso) { return '—'; }
    var d = new Date(new Date(iso).getTime() + 9 * 3600 * 1000).toISOString();
    return d.slice(5, 10) + ' ' + d.slice(11, 19);
  }

  /** "-10.32" as -$10.32, "5" as $5. */
  function usd(s) { return s.charAt(0) === '-' ? '-$' + s.slice(1) : '$' + s; }

  /** The fleet's buttons follow the page's own commands switch (app.js learns it from api/status). */
  function updateButtons() {
    var on = $('controls').dataset.commands === 'enabled';
    ['fleet-stop', 'fleet-resume'].forEach(function (id) {
      $(id).disabled = !on;
      $(id).title = on ? '' : 'Commands are off: the server has no DASHBOARD_TOKEN, or the page does not know yet.';
    });
  }

  function row(body, cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) {
      var td = document.createElement('td');
      td.textContent = c.text;
      if (c.cls) { td.className = c.cls; }
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return tr;
  }

  function render(f) {
    var section = $('fleet');
    section.hidden = !f.clustered;
    // not clustered: that takes a restart to change, so stop asking
    if (!f.clustered) { clearInterval(poller); return; }
    updateButtons();
    $('fleet-count').textContent = f.alive + ' of ' + f.nodes.length + ' node' + (f.nodes.length === 1 ? '' : 's')
      + ' alive';
    var nodes = $('fleet-nodes').tBodies[0];
    nodes.textContent = '';
    f.nodes.forEach(function (n) {
      var tr = row(nodes, [
        { text: n.node + (n.self ? ' (this one)' : '') },
        { text: n.markets.join(', ') },
        { text: n.alive ? 'alive' : 'gone (' + Math.round(n.silentMs / 1000) + ' s silent)' },
        { text: n.trading + (n.reason ? ': ' + n.reason : '') },
        { text: usd(n.balance), cls: 'num' },
        { text: usd(n.equity), cls: 'num' },
        { text: String(n.openPositions), cls: 'num' },
        { text: String(n.settled), cls: 'num' },
        { text: kst(n.lastTick) }
      ]);
      tr.dataset.node = n.node;
      tr.dataset.alive = String(n.alive);
      if (!n.alive) { tr.className = 'down'; }
    });
    var trades = $('fleet-trades').tBodies[0];
    trades.textContent = '';
    f.trades.slice(0, TRADE_ROWS).forEach(function (t) {
      row(trades, [{ text: t.node }, { text: t.event }, { text: String(t.id) }, { text: t.slug },
        { text: t.side }, { text: t.price, cls: 'num' }, { text: usd(t.amount), cls: 'num' },
        { text: t.event === 'settled' ? usd(t.pnl) : '—', cls: 'num' }]);
    });
  }

  function load() {
    fetch('api/fleet', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (f) { if (f) { render(f); } })
      .catch(function () { /* the connection badge already says when the bot is unreachable */ });
  }

  function token() {
    try {
      var t = sessionStorage.getItem(TOKEN_KEY);
      if (t) { return t; }
    } catch (e) { /* private mode */ }
    var asked = window.prompt('Dashboard token');
    if (asked) {
      try { sessionStorage.setItem(TOKEN_KEY, asked.trim()); } catch (e) { /* private mode */ }
    }
    return asked ? asked.trim() : null;
  }

  function command(action) {
    var t = token();
    if (!t) { return; }
    fetch('api/fleet/' + action, {
      method: 'POST', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + t }, body: '{}'
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (b) {
        if (r.status === 401) {
          try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ }
        }
        $('fleet-note').textContent = r.ok ? b.message + ' (' + b.nodesAlive + ' alive)'
          : action + ' failed (' + r.status + '): ' + (b.error || 'no reason given');
        load();
      });
    });
  }

  $('fleet-stop').addEventListener('click', function () { command('stop'); });
  $('fleet-resume').addEventListener('click', function () { command('resume'); });
  var poller = setInterval(load, POLL_MS);
  load();
})();
