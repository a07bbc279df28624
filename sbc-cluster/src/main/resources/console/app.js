// OpenSBC console: plain JavaScript, no build step. Reads the admin API of the node that serves it.
// Location hash parameters: call=<Call-ID or call reference> shows one call, view=trunks the trunks,
// token=<admin token> is kept for this tab (sessionStorage) and sent as a bearer token.
'use strict';

const params = new URLSearchParams(location.hash.slice(1));
if (params.get('token')) sessionStorage.setItem('opensbc-token', params.get('token'));
const token = sessionStorage.getItem('opensbc-token');

function api(path) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  return fetch(path, { headers }).then(r => {
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.json();
  });
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') e.onclick = v; else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace('Z', '') : '';
}

function statusCell(s) {
  return el('td', { class: s ? 's' + String(s)[0] : '' }, s || '');
}

function showHealth() {
  fetch('/health').then(r => r.json()).then(h => {
    document.getElementById('node').textContent = h.node + (h.clustered ? ' (cluster)' : '');
    const st = document.getElementById('status');
    st.textContent = h.status + ' · ' + h.activeCalls + ' active';
    st.className = 'badge ' + h.status;
    const w = document.getElementById('warnings');
    w.replaceChildren(...(h.warnings || []).map(t => el('div', {}, t)));
  }).catch(() => {});
}

function callTable(id, calls) {
  const rows = calls.map(c => el('tr', { class: 'clickable call-row', onclick: () => { location.hash = 'call=' + encodeURIComponent(c.aCallId || c.callRef); } },
    el('td', {}, time(c.offered)), el('td', {}, c.from), el('td', {}, c.to), el('td', {}, c.sourceTrunk || ''),
    el('td', {}, c.trunk || ''), el('td', {}, c.state), statusCell(c.status), el('td', {}, c.durationSeconds ?? '')));
  return el('table', { id },
    el('tr', {}, ['offered', 'from', 'to', 'source trunk', 'trunk', 'state', 'status', 'seconds'].map(h => el('th', {}, h))),
    rows);
}

function showCalls(main) {
  Promise.all([api('/admin/calls?state=active&limit=200'), api('/admin/calls?state=ended&limit=100')]).then(([live, ended]) => {
    main.replaceChildren(
      el('h2', {}, 'Live calls (' + live.count + ')'), callTable('live-calls', live.calls),
      el('h2', {}, 'Recent calls'), callTable('recent-calls', ended.calls));
  }).catch(e => main.replaceChildren(el('p', { class: 'error' }, e.message)));
}

function showTrunks(main) {
  api('/admin/trunks').then(t => {
    const rows = [];
    for (const trunk of t.trunks) {
      const targets = trunk.targets.length ? trunk.targets : trunk.configuredTargets.map(x => ({ target: x, state: trunk.healthChecked ? 'unknown' : 'not checked' }));
      for (const x of targets) {
        rows.push(el('tr', { class: 'trunk-row' }, el('td', {}, trunk.name), el('td', {}, x.target), el('td', { class: x.state === 'DOWN' ? 's5' : 's2' }, x.state),
          el('td', {}, x.lastStatus ?? ''), el('td', {}, x.latencyMs ?? ''), el('td', {}, x.allow ?? '')));
      }
    }
    main.replaceChildren(el('h2', {}, 'Trunks'), el('table', { id: 'trunks' },
      el('tr', {}, ['trunk', 'target', 'state', 'last OPTIONS status', 'latency ms', 'Allow'].map(h => el('th', {}, h))), rows));
  }).catch(e => main.replaceChildren(el('p', { class: 'error' }, e.message)));
}

function explainCell(row) {
  const items = (row.explain || []).map(n => el('li', { class: 'note ' + n.type }, n.text));
  const diff = (row.diff || []).map(d => el('div', { class: 'diff' }, d.header + ': ',
    el('span', { class: 'before' }, d.before === null ? '(absent)' : d.before), ' → ',
    el('span', { class: 'after' }, d.after === null ? '(removed)' : d.after)));
  return el('td', { class: 'explain' }, items.length ? el('ul', {}, items) : null, diff);
}

function ladderRow(row, t0) {
  const arrowA = row.direction === 'in' ? row.label + ' ──▶' : '◀── ' + row.label;
  const arrowB = row.direction === 'out' ? row.label + ' ──▶' : '◀── ' + row.label;
  const a = row.leg === 'A' ? el('td', { class: 'lane ' + row.direction + '-a' }, arrowA) : el('td', { class: 'lane' });
  const b = row.leg === 'B' ? el('td', { class: 'lane ' + row.direction + '-b' }, arrowB) : el('td', { class: 'lane' });
  const raw = el('pre', { class: 'raw', hidden: 'hidden' }, row.text);
  const tr = el('tr', { class: 'ladder-row', 'data-leg': row.leg, 'data-direction': row.direction },
    el('td', {}, '+' + (row.atMillis - t0) + ' ms'), a, b, explainCell(row));
  tr.onclick = () => { raw.hidden = !raw.hidden; };
  return [tr, el('tr', {}, el('td', { colspan: 4 }, raw))];
}

function showCall(main, id) {
  api('/admin/calls/' + encodeURIComponent(id)).then(c => {
    const r = c.record;
    const summary = el('table', { id: 'call-summary' },
      ['callRef', 'aCallId', 'from', 'to', 'sourceTrunk', 'trunk', 'target', 'state', 'status', 'q850Cause', 'offered', 'answered', 'ended', 'endedBy', 'endReason']
        .map(k => el('tr', {}, el('th', {}, k), el('td', {}, r[k] ?? ''))));
    const parts = [el('h2', {}, 'Call ' + (r.aCallId || r.callRef)), summary,
      el('p', {}, el('a', { href: '/admin/calls/' + encodeURIComponent(r.callRef) + '/pcap' }, 'download pcap'))];
    if (c.capture && c.ladder.length) {
      const t0 = c.ladder[0].atMillis;
      parts.push(el('h3', {}, 'Ladder (click a message for its text)'),
        el('table', { id: 'ladder' },
          el('tr', {}, el('th', {}, 'time'), el('th', {}, 'caller ⇄ SBC (leg A)'), el('th', {}, 'SBC ⇄ trunk (leg B)'), el('th', {}, 'why: routing, rules, changes')),
          c.ladder.map(row => ladderRow(row, t0))));
    } else {
      parts.push(el('p', {}, c.capture ? 'No SIP messages kept for this call.' : 'SIP capture is off: set operations.capture.calls (e.g. 500) to see the ladder of new calls.'));
    }
    parts.push(el('h3', {}, 'Event history'), el('table', { id: 'events' },
      c.events.map(e => el('tr', {}, el('td', {}, e.seq), el('td', {}, time(e.at)), el('td', {}, e.type),
        el('td', {}, JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => !['seq', 'at', 'atMillis', 'type'].includes(k)))))))));
    main.replaceChildren(...parts);
  }).catch(e => main.replaceChildren(el('p', { class: 'error' }, e.message)));
}

function render() {
  const p = new URLSearchParams(location.hash.slice(1));
  const main = document.getElementById('main');
  showHealth();
  if (p.get('call')) showCall(main, p.get('call'));
  else if (p.get('view') === 'trunks') showTrunks(main);
  else showCalls(main);
}

window.addEventListener('hashchange', render);
render();
setInterval(() => { const p = new URLSearchParams(location.hash.slice(1)); if (!p.get('call')) render(); }, 5000);
