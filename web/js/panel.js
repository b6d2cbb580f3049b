// The live platform panel: one function's instances as tiles, running totals, and three charts of the
// last minute. The page owns the single EventSource and hands every event to handle(); this module only
// fetches on show(), to reconcile after lost events, and to learn when a cold start's Init phase ends.
import { Chart, registerables } from 'chart.js';
import { api, ApiError } from './api.js';
import { h, palette } from './dom.js';

Chart.register(...registerables);

const WINDOW_SECONDS = 60;
const GONE_AFTER_MS = 5000;      // reaped tiles stay this long, so learners see scale-to-zero happen
const LIVE_STATES = ['initialising', 'busy', 'idle'];

const COUNTERS = [
  ['invocations', 'Invocations'],
  ['coldStarts', 'Cold starts'],
  ['warmStarts', 'Warm starts'],
  ['errors', 'Errors'],
  ['throttles', 'Throttled'],
  // Lambda's RecursiveInvocationsDropped: events a loop's chain brought that the platform did not run.
  ['recursiveInvocationsDropped', 'Loop stopped'],
  ['concurrency', 'Concurrency'],
  ['costUsd', 'Cost'],
];

/** The settings the panel shows, as the API names them, and how each reads. */
const SETTINGS_SHOWN = [
  ['memoryMb', 'Memory', (value) => `${value} MB`],
  ['timeoutSeconds', 'Timeout', (value) => `${value} s`],
  ['keepAliveSeconds', 'Keep-alive', (value) => `${value} s`],
  ['reservedConcurrency', 'Reserved concurrency', (value) => (value == null ? 'none' : String(value))],
  ['provisionedConcurrency', 'Provisioned concurrency', (value) => String(value)],
  ['maximumRetryAttempts', 'Retries', (value, settings) => `${value}, ${settings.retryDelays === 'demonstration'
    ? 'after 1 s and 2 s (demonstration)' : 'after 60 s and 120 s (Lambda’s)'}`],
  ['onFailure', 'On failure', (value) => value ?? 'none'],
];
const SETUP_REFRESH_MS = 2000;   // queue counts move while a trigger consumes: read again at most this often

// Micro-dollars matter here: one small invocation costs about $0.0000002.
const usd = new Intl.NumberFormat('en-US',
  { style: 'currency', currency: 'USD', minimumFractionDigits: 6, maximumFractionDigits: 9 });

/** The x axis label of slot `index` of the window: seconds before now. */
const chartLabel = (index) => (index === WINDOW_SECONDS - 1 ? 'now' : `${index - WINDOW_SECONDS + 1} s`);

export class PlatformPanel {
  constructor(root) {
    this.root = root;
    this.fn = null;
    this.generation = 0;       // bumped by show(), so answers to an older show() are dropped
    this.tiles = new Map();    // instanceId -> { node, state, changedAt, timer }
    this.points = new Map();   // epochSecond -> metric point, for the charts
    this.counted = new Set();  // epochSeconds already in the totals
    this.totals = {};
    this.lastSummaryAt = 0;
    this.summaryTimer = null;
    this.#build();
    this.colourScheme = matchMedia('(prefers-color-scheme: dark)');
    this.colourScheme.addEventListener('change', () => this.#recolour());
  }

  /**
   * Starts the panel over for this function: clears everything, then loads instances and the last minute.
   * Resolves once the instances are shown, so that a page can call itself ready without the panel still moving.
   */
  show(functionName) {
    this.fn = functionName;
    const generation = ++this.generation;
    for (const tile of this.tiles.values()) clearTimeout(tile.timer);
    this.tiles.clear();
    this.list.replaceChildren();
    this.points.clear();
    this.counted.clear();
    this.totals = { invocations: 0, coldStarts: 0, warmStarts: 0, errors: 0, throttles: 0,
      recursiveInvocationsDropped: 0, costUsd: 0 };
    this.#renderTotals();
    this.#renderCharts();
    this.#summarise(true);
    this.#notice('Loading…');
    this.notDeployed = undefined;
    return this.#loadInstances(generation).then(() => {
      if (this.notDeployed === false) this.#loadMetrics(generation);
      return this.#loadSetup(generation);
    });
  }

  /** The function's settings and what is connected to it, read again (after a lab link changed them, say). */
  refreshSetup() {
    return this.#loadSetup(this.generation);
  }

  /** Every live event of the workspace; those of other functions are ignored. */
  handle(type, data) {
    if (!this.fn) return;
    if (type === 'dropped') {
      // Some events were lost: reload what the tiles show. The totals keep what they counted.
      this.#loadInstances(this.generation);
      return;
    }
    if (data?.function !== this.fn) return;
    if (type === 'instance') {
      if (this.notDeployed !== false) { this.notDeployed = false; this.#notice(''); }
      this.#setState(data.instanceId, data.state, data.provisioned);
    } else if (type === 'metrics') {
      this.#metrics(data);
      if (performance.now() - this.setupLoadedAt > SETUP_REFRESH_MS) this.#loadSetup(this.generation);
    } else if (type === 'function') {
      if (data.change === 'deleted') {
        this.notDeployed = true;
        for (const id of this.tiles.keys()) this.#setState(id, 'reaped');
        this.#notice(`“${this.fn}” was deleted: deploy it again and its instances show up here.`);
      } else if (data.change === 'created' || data.change === 'updated') {
        // New code replaces the instances, and the stream does not tell of each one going: the listing does.
        // Asked twice, in case the event came before the old instances were let go.
        this.notDeployed = false;
        const generation = this.generation;
        this.#loadInstances(generation);
        this.#loadSetup(generation);
        setTimeout(() => this.#loadInstances(generation), 1000);
      }
    }
  }

  #build() {
    this.status = h('p', { class: 'panel-notice', 'data-panel': 'notice', hidden: true });
    const counters = h('dl', { class: 'counters' });
    this.counterNodes = {};
    for (const [name, label] of COUNTERS) {
      this.counterNodes[name] = h('dd', { 'data-metric': name, text: '0' });
      counters.append(h('div', {}, h('dt', { text: label }), this.counterNodes[name]));
    }
    this.summary = h('p', { class: 'tiles-summary', role: 'status', 'data-panel': 'summary' });
    this.list = h('ul', { class: 'tiles', 'aria-label': 'Instances', 'aria-describedby': 'panel-legend' });
    const legend = h('ul', { class: 'legend', id: 'panel-legend', 'aria-label': 'What the instance states mean' },
      ...[['initialising', 'initialising: a cold start, running Init'], ['busy', 'busy: serving one request'],
        ['idle', 'idle: warm, waiting for the next request'], ['reaped', 'reaped: kept idle too long, or replaced; gone in a moment']]
        .map(([state, text]) => h('li', { 'data-state': state }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), text)),
      h('li', {}, h('span', { class: 'tile-prov', 'aria-hidden': 'true', text: 'P' }), ' provisioned: kept warm for you'));

    this.charts = {};
    const figures = h('div', { class: 'charts' });
    for (const [key, title] of [['concurrency', 'Instances by state, each second'],
      ['invocations', 'Invocations per second, cold and warm'], ['duration', 'Duration percentiles (ms)']]) {
      const text = h('p', { class: 'visually-hidden', id: `panel-chart-${key}-text` });
      const canvas = h('canvas', { role: 'img', 'aria-label': `Chart: ${title}, last ${WINDOW_SECONDS} seconds`,
        'aria-describedby': text.id });
      figures.append(h('figure', { class: 'chart', 'data-chart': key },
        h('figcaption', { text: title }), h('div', { class: 'chart-box' }, canvas), text));
      this.charts[key] = { canvas, text };
    }
    this.settingNodes = {};
    const settings = h('dl', { class: 'settings-summary', 'data-panel': 'settings' });
    for (const [name, label] of SETTINGS_SHOWN) {
      this.settingNodes[name] = h('dd', { 'data-setting': name, text: '–' });
      settings.append(h('dt', { text: label }), this.settingNodes[name]);
    }
    this.connections = h('ul', { class: 'connections', 'data-panel': 'connections', 'aria-labelledby': 'panel-connections' });
    this.queues = h('ul', { class: 'connections', 'data-panel': 'queues', 'aria-labelledby': 'panel-queues' });
    this.setupLoadedAt = 0;
    this.setupAsked = 0;
    this.setupShown = 0;
    this.listed = new WeakMap();   // list -> the HTML it shows
    this.root.append(this.status,
      h('div', { class: 'counters-block' }, counters,
        h('p', { class: 'muted small', text: 'Totals since this panel opened. Cost is what these invocations would cost on AWS Lambda.' })),
      h('h4', { text: 'Settings' }), settings,
      h('h4', { id: 'panel-connections', text: 'What invokes it, besides you and its HTTP trigger' }), this.connections,
      h('h4', { id: 'panel-queues', text: 'Queues' }), this.queues,
      h('h4', { text: 'Instances' }), this.summary, this.list, legend,
      h('h4', { text: 'The last minute' }), figures);
    this.#makeCharts();
  }

  #notice(text) {
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  // ---- instances ----

  async #loadInstances(generation) {
    const started = performance.now();
    const name = this.fn;
    let instances;
    try {
      // Unless the function is known to exist, the list says whether it does: asking for the instances of a
      // missing one would log a 404 in the browser's console on every fresh lesson.
      if (this.notDeployed !== false) {
        const known = await api.get('/api/functions').then(({ functions }) => functions.some((fn) => fn.name === name),
          (e) => { if (e.status === 0) throw e; return false; });
        if (generation !== this.generation) return;
        this.notDeployed = !known;
      }
      if (!this.notDeployed) ({ instances } = await api.get(`/api/functions/${encodeURIComponent(name)}/instances`));
    } catch (e) {
      if (generation !== this.generation) return;
      if (!(e instanceof ApiError) || e.status === 0) {
        this.#notice('The panel could not reach the FaaS Lab server. Is it still running?');
        return;
      }
      if (e.status !== 404) {
        this.#notice(`The panel could not load the instances: ${e.message}`);
        return;
      }
      this.notDeployed = true;
    }
    if (generation !== this.generation) return;
    if (this.notDeployed) {
      this.#notice(`“${name}” is not deployed yet: deploy it and its instances show up here.`);
      return;
    }
    this.#notice('');
    this.#reconcile(instances, started);
  }

  /**
   * Merges a listing fetched at `started` into the tiles. What an event told us after `started` is newer than
   * the listing and stays; anything older gives way, and live tiles the listing lacks are gone.
   */
  #reconcile(instances, started) {
    const listed = new Set();
    for (const view of instances) {
      listed.add(view.id);
      const tile = this.tiles.get(view.id);
      if (!tile || tile.changedAt < started) this.#setState(view.id, view.state, view.provisioned);
    }
    for (const [id, tile] of this.tiles) {
      if (!listed.has(id) && LIVE_STATES.includes(tile.state) && tile.changedAt < started) this.#setState(id, 'reaped');
    }
  }

  #setState(id, state, provisioned) {
    let tile = this.tiles.get(id);
    if (!tile) {
      if (!LIVE_STATES.includes(state)) return;   // an instance we never saw, already gone
      const node = h('li', { class: 'tile', 'data-instance': id, title: `Instance ${id}` },
        h('span', { class: 'tile-id', text: id.slice(0, 6) }), h('span', { class: 'tile-state' }));
      tile = { node, state: null, changedAt: 0, timer: null };
      this.tiles.set(id, tile);
      this.list.append(node);
    }
    if (provisioned && !tile.node.querySelector('.tile-prov')) {
      tile.node.dataset.provisioned = 'true';
      tile.node.append(h('span', { class: 'tile-prov', title: 'provisioned', 'aria-label': 'provisioned', text: 'P' }));
    }
    tile.state = state;
    tile.changedAt = performance.now();
    tile.node.dataset.state = state;
    tile.node.querySelector('.tile-state').textContent = state;
    clearTimeout(tile.timer);
    if (!LIVE_STATES.includes(state)) {
      tile.timer = setTimeout(() => {
        if (this.tiles.get(id) === tile) {
          this.tiles.delete(id);
          tile.node.remove();
        }
      }, GONE_AFTER_MS);
    }
    this.#renderConcurrency();
    this.#summarise(false);
  }

  #renderConcurrency() {
    let running = 0;
    for (const tile of this.tiles.values()) if (tile.state === 'busy' || tile.state === 'initialising') running++;
    this.counterNodes.concurrency.textContent = String(running);
    this.counterNodes.concurrency.dataset.value = String(running);
  }

  /** The spoken summary changes at most once a second: a screen reader would drown in per-event updates. */
  #summarise(now) {
    const wait = this.lastSummaryAt + 1000 - performance.now();
    if (!now && wait > 0) {
      this.summaryTimer ??= setTimeout(() => { this.summaryTimer = null; this.#summarise(true); }, wait);
      return;
    }
    this.lastSummaryAt = performance.now();
    const counts = { busy: 0, initialising: 0, idle: 0 };
    for (const tile of this.tiles.values()) if (tile.state in counts) counts[tile.state]++;
    const total = counts.busy + counts.initialising + counts.idle;
    const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`);
    const text = total === 0 ? 'No instances: the function is scaled to zero.'
      : `${total} instance${total === 1 ? '' : 's'}: ${parts.join(', ')}.`;
    if (this.summary.textContent !== text) this.summary.textContent = text;
  }

  // ---- settings, and what is connected ----

  async #loadSetup(generation) {
    const name = this.fn;
    const asked = ++this.setupAsked;   // answers can cross: an older one must not replace a newer one
    this.setupLoadedAt = performance.now();
    const encoded = encodeURIComponent(name);
    let setup;
    try {
      const [settings, { queues }, { eventSourceMappings }, { schedules }, { buckets }] = await Promise.all([
        // Only once it is known to exist: a 404 would show in the browser's console.
        this.notDeployed === false ? api.get(`/api/functions/${encoded}/configuration`) : null,
        api.get('/api/queues'), api.get(`/api/event-source-mappings?function=${encoded}`), api.get('/api/schedules'),
        api.get('/api/buckets')]);
      const subscriptions = await Promise.all(buckets.map((bucket) =>
        api.get(`/api/buckets/${encodeURIComponent(bucket.name)}/subscriptions`).then((list) => list.subscriptions)));
      setup = { settings, queues, mappings: eventSourceMappings, schedules: schedules.filter((s) => s.function === name),
        subscriptions: subscriptions.flat().filter((subscription) => subscription.function === name) };
    } catch {
      return;   // the instances' listing says when the server cannot be reached
    }
    if (generation !== this.generation || asked < this.setupShown) return;
    this.setupShown = asked;
    this.#renderSetup(setup);
  }

  #renderSetup({ settings, queues, mappings, schedules, subscriptions }) {
    for (const [name, , read] of SETTINGS_SHOWN) {
      const node = this.settingNodes[name];
      const text = settings ? read(settings[name], settings) : '–';
      if (node.textContent !== text) node.textContent = text;
      node.dataset.value = settings ? String(settings[name] ?? '') : '';
    }
    const item = (attrs, text) => h('li', { ...attrs, text });
    const connections = [
      ...mappings.map((m) => item({ 'data-trigger': m.queue },
        `The queue ${m.queue}, in batches of up to ${m.batchSize}`
        + (m.functionResponseTypes.includes('ReportBatchItemFailures') ? ', reading batchItemFailures'
          : ', ignoring batchItemFailures') + (m.enabled ? '' : ' (disabled)'))),
      ...subscriptions.map((s) => item({ 'data-subscription': s.bucket },
        `The bucket ${s.bucket}: ${s.events.length ? s.events.join(', ') : 'every object event'}`)),
      ...schedules.map((s) => item({ 'data-schedule': s.name },
        `The schedule ${s.name}, ${s.expression}${s.enabled ? '' : ' (disabled)'}`)),
    ];
    this.#list(this.connections, connections, 'Nothing else.');
    this.#list(this.queues, queues.map((q) => item({ 'data-queue': q.name, 'data-visible': q.approximateNumberOfMessages },
      `${q.name}: ${q.approximateNumberOfMessages} waiting, ${q.approximateNumberOfMessagesNotVisible} being handled`
      + (q.redrivePolicy ? `; after ${q.redrivePolicy.maxReceiveCount} receives a message moves to ${q.redrivePolicy.deadLetterQueue}` : ''))),
    'No queues yet.');
  }

  /** Replaces a list's items, or says `empty`; untouched when nothing changed, so that nothing flickers. */
  #list(list, items, empty) {
    const shown = items.length ? items : [h('li', { class: 'muted', text: empty })];
    const html = shown.map((node) => node.outerHTML).join('');
    if (this.listed.get(list) !== html) {
      list.replaceChildren(...shown);
      this.listed.set(list, html);
    }
  }

  // ---- metrics ----

  async #loadMetrics(generation) {
    try {
      const { points } = await api.get(`/api/functions/${encodeURIComponent(this.fn)}/metrics?seconds=${WINDOW_SECONDS}`);
      if (generation !== this.generation) return;
      // History for the charts only: the totals count what happens from now on. A second the stream
      // already delivered is newer than this answer and stays.
      for (const point of points) if (!this.points.has(point.epochSecond)) this.points.set(point.epochSecond, point);
      this.#renderCharts();
    } catch {
      // The instances request reports an unreachable server; the charts simply start empty.
    }
  }

  #metrics(data) {
    const point = data.point;
    this.points.set(point.epochSecond, point);
    for (const second of this.points.keys()) if (second <= point.epochSecond - WINDOW_SECONDS) this.points.delete(second);
    if (!this.counted.has(point.epochSecond)) {
      this.counted.add(point.epochSecond);
      const t = this.totals;
      t.invocations += point.invocations;
      t.coldStarts += point.coldStarts;
      t.warmStarts += point.invocations - point.coldStarts;
      t.errors += point.errors;
      t.throttles += point.throttles;
      t.recursiveInvocationsDropped += point.recursiveInvocationsDropped ?? 0;
      t.costUsd += Number(data.costUsd ?? point.costUsd ?? 0);
      this.#renderTotals();
    }
    this.#renderCharts();
  }

  #renderTotals() {
    for (const [name, value] of Object.entries(this.totals)) {
      const node = this.counterNodes[name];
      const text = name === 'costUsd' ? usd.format(value) : String(value);
      if (node.textContent !== text) node.textContent = text;
      node.dataset.value = String(value);
    }
  }

  // ---- charts ----

  #makeCharts() {
    const bars = (stacked) => ({
      animation: false, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
      scales: {
        // A label every 15 s, from the newest slot back: "-45 s", "-30 s", "-15 s", "now".
        x: { stacked, ticks: { autoSkip: false, maxRotation: 0,
          callback: (value, index) => ((index - WINDOW_SECONDS + 1) % 15 === 0 ? chartLabel(index) : '') } },
        y: { stacked, beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 5 } },
      },
    });
    const series = (label, extra = {}) => ({ label, data: [], ...extra });
    this.charts.concurrency.chart = new Chart(this.charts.concurrency.canvas, {
      type: 'bar', options: bars(true),
      data: { labels: [], datasets: [series('busy'), series('initialising'), series('idle')] },
    });
    this.charts.invocations.chart = new Chart(this.charts.invocations.canvas, {
      type: 'bar', options: bars(true),
      data: { labels: [], datasets: [series('cold'), series('warm')] },
    });
    const lines = bars(false);
    lines.scales.y.ticks = { maxTicksLimit: 5 };
    lines.elements = { point: { radius: 2, hitRadius: 6 }, line: { borderWidth: 2 } };
    this.charts.duration.chart = new Chart(this.charts.duration.canvas, {
      type: 'line', options: lines,
      data: { labels: [], datasets: [series('p50'), series('p90', { borderDash: [6, 3] }),
        series('p99', { borderDash: [2, 2] })] },
    });
    this.#recolour();
  }

  /** Colours from the CSS variables; called again when the system switches between light and dark. */
  #recolour() {
    const c = palette();
    const colours = { concurrency: [c.busy, c.initialising, c.idle], invocations: [c.cold, c.warm],
      duration: [c.accent, c.warn, c.error] };
    for (const [key, { chart }] of Object.entries(this.charts)) {
      chart.data.datasets.forEach((dataset, i) => {
        dataset.backgroundColor = colours[key][i];
        dataset.borderColor = colours[key][i];
      });
      const { scales, plugins } = chart.options;
      for (const axis of [scales.x, scales.y]) {
        axis.ticks.color = c.muted;
        axis.grid = { color: c['surface-2'], display: axis === scales.y };   // 60 vertical lines would be noise
        axis.border = { color: c.border };
      }
      plugins.legend.labels.color = c.fg;
      chart.update('none');
    }
  }

  /** Redraws the last minute, one slot per second (missing seconds count as nothing happening). */
  #renderCharts() {
    const last = Math.max(Math.floor(Date.now() / 1000) - 1, ...this.points.keys());
    const seconds = Array.from({ length: WINDOW_SECONDS }, (_, i) => last - WINDOW_SECONDS + 1 + i);
    const at = seconds.map((second) => this.points.get(second));
    const labels = seconds.map((second) => String(second));
    const pick = (f, empty = 0) => at.map((p) => (p ? f(p) : empty));
    const set = (key, ...data) => {
      const { chart } = this.charts[key];
      chart.data.labels = labels;
      data.forEach((values, i) => { chart.data.datasets[i].data = values; });
      chart.update('none');
    };
    set('concurrency', pick((p) => p.busy), pick((p) => p.initialising), pick((p) => p.idle));
    set('invocations', pick((p) => p.coldStarts), pick((p) => p.invocations - p.coldStarts));
    set('duration', pick((p) => p.durationP50Ms, null), pick((p) => p.durationP90Ms, null),
      pick((p) => p.durationP99Ms, null));

    // Text alternatives for the charts, read on demand (not live: they change every second).
    const present = at.filter(Boolean);
    const newest = present.at(-1);
    const peak = Math.max(0, ...present.map((p) => p.busy + p.initialising));
    this.charts.concurrency.text.textContent = newest
      ? `Last second: ${newest.busy} busy, ${newest.initialising} initialising, ${newest.idle} idle. Peak running in the last minute: ${peak}.`
      : 'No figures yet.';
    const cold = present.reduce((n, p) => n + p.coldStarts, 0);
    const all = present.reduce((n, p) => n + p.invocations, 0);
    this.charts.invocations.text.textContent =
      `In the last minute: ${all} invocations, ${cold} cold and ${all - cold} warm.`;
    const ran = present.filter((p) => p.durationP50Ms != null).at(-1);
    this.charts.duration.text.textContent = ran
      ? `Latest second with invocations: p50 ${Math.round(ran.durationP50Ms)} ms, p90 ${Math.round(ran.durationP90Ms)} ms, p99 ${Math.round(ran.durationP99Ms)} ms.`
      : 'Nothing ran in the last minute.';
  }
}
