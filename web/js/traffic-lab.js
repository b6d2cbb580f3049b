// The Traffic lab: a form over POST /api/simulations and POST /api/simulations/power-tuning, the key figures,
// and four charts. Presets and single settings come from the URL (traffic-lab.html?preset=spiky-day&seed=7), so
// lessons can link to a prepared run. The form speaks in the units people think in (ms, minutes, days); the API
// in seconds, so a refusal naming an API field is shown beside the control that field came from.
import { Chart, registerables } from 'chart.js';
import { api, ApiError, showHealth } from './api.js';
import { palette } from './dom.js';

Chart.register(...registerables);

const $ = (id) => document.getElementById(id);

/** Named starting points; each starts from the form's defaults. `note` says what to look at. */
const PRESETS = {
  'steady-trickle': {
    note: 'A trickle: 3 requests an hour, with a 10-minute keep-alive. Most requests come after the instance was '
      + 'reclaimed, so most are cold starts, yet the bill is a tiny fraction of a server\'s.',
    values: { pattern: 'steady', arrivalRate: 3, rateUnit: 3600, duration: 1, durationUnit: 86400,
      keepAlivePolicy: 'fixed', keepAliveMinutes: 10 },
  },
  'busy-api': {
    note: 'A busy API: 50 requests a second around the clock, at 512 MB. Almost no cold starts, and the bill is now '
      + 'well past a $0.0416-an-hour server (an EC2 t3.medium): look at the break-even chart.',
    values: { pattern: 'steady', arrivalRate: 50, rateUnit: 1, duration: 1, durationUnit: 86400, warmMeanMs: 100,
      coldMeanMs: 800, memoryMb: 512, serverUsdPerHour: 0.0416 },
  },
  'spiky-day': {
    note: 'A spiky day: half a request a second, and 50 a second for 15 minutes at midday. Watch the instances '
      + 'climb for the spike, stay warm for the keep-alive, and go.',
    values: { pattern: 'spike', arrivalRate: 0.5, rateUnit: 1, peakRate: 50, spikeLengthMinutes: 15, duration: 1,
      durationUnit: 86400 },
  },
  'keep-alive-compare': {
    note: 'A job that runs for a minute every 15 minutes, under the hybrid histogram keep-alive, which learns the '
      + 'gaps and loads the instance again just before the next minute. Switch the keep-alive to fixed 10 minutes '
      + 'and run again: every minute then starts cold.',
    values: { pattern: 'on-off', arrivalRate: 0.5, rateUnit: 1, onMinutes: 1, offMinutes: 14, duration: 1,
      durationUnit: 86400, keepAlivePolicy: 'hybrid' },
  },
};

const PATTERN_HELP = {
  steady: 'Requests arrive independently, at the rate on average (a Poisson process).',
  spike: 'The rate, then the peak rate for the spike, half way through, then the rate again.',
  diurnal: 'The rate rises and falls once a day, around the rate given.',
  'on-off': 'The rate for a while, then nothing for a while, over and over.',
};
const KEEP_ALIVE_HELP = {
  none: 'Every request that finds no busy instance free starts a new one: all cold.',
  fixed: 'What Lambda does: an idle instance stays loaded for a fixed time (about 10 minutes), then goes.',
  hybrid: '"Serverless in the Wild" (Shahrad et al., 2020): keep and pre-warm instances per the idle times seen so far.',
};

/** The API's field → the form control it came from, where the names differ. */
const CONTROL_OF = { warmMeanSeconds: 'warmMeanMs', coldMeanSeconds: 'coldMeanMs', keepAliveSeconds: 'keepAliveMinutes',
  durationSeconds: 'duration', spikeLengthSeconds: 'spikeLengthMinutes', spikeAtSeconds: 'duration',
  onSeconds: 'onMinutes', offSeconds: 'offMinutes', baseDurationSeconds: 'baseDurationMs' };

const count = new Intl.NumberFormat('en-US');
const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const rate = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });
const ms = (seconds) => `${decimal.format(Math.round(seconds * 10000) / 10)} ms`;

/** A span of seconds the way people say it: 90 → "1.5 min", 86400 → "1 day". */
function span(seconds) {
  if (seconds < 120) return `${decimal.format(seconds)} s`;
  if (seconds < 7200) return `${decimal.format(Math.round(seconds / 6) / 10)} min`;
  if (seconds < 172800) return `${decimal.format(Math.round(seconds / 360) / 10)} h`;
  return `${decimal.format(Math.round(seconds / 8640) / 10)} days`;
}

/** A rate in requests a second, with a minute's or an hour's worth when it is small. */
function perSecond(value) {
  if (value === 0) return '0 a second';
  if (value < 1 / 60) return `${rate.format(value * 3600)} an hour`;
  if (value < 1) return `${rate.format(value * 60)} a minute`;
  return `${rate.format(value)} a second`;
}

// ---- the form ----

const form = $('sim-form');
const powerForm = $('power-form');
const defaults = Object.fromEntries([...form.elements].filter((e) => e.name).map((e) => [e.name, e.value]));

function fill(values) {
  for (const [name, value] of Object.entries(values)) {
    if (form.elements[name]) form.elements[name].value = String(value);
  }
  showPatternFields();
}

/** Shows the fields the pattern and the keep-alive policy use, and says what each choice means. */
function showPatternFields() {
  for (const field of form.querySelectorAll('[data-pattern]')) field.hidden = field.dataset.pattern !== form.pattern.value;
  for (const field of form.querySelectorAll('[data-keep-alive]')) {
    field.hidden = field.dataset.keepAlive !== form.keepAlivePolicy.value;
  }
  $('pattern-help').textContent = PATTERN_HELP[form.pattern.value] ?? '';
  $('keep-alive-help').textContent = KEEP_ALIVE_HELP[form.keepAlivePolicy.value] ?? '';
}

/** A number from a control; an empty or unreadable one is refused here, beside the control, before the server sees it. */
function number(target, name, { optional = false } = {}) {
  const input = target.elements[name];
  if (input.value.trim() === '' || input.validity.badInput) {
    if (optional && !input.validity.badInput) return null;
    throw new FieldError(name, 'Enter a number here.');
  }
  return Number(input.value);
}

class FieldError extends Error {
  constructor(control, message) {
    super(message);
    this.control = control;
  }
}

/** The API's body from the form: rates in requests a second, times in seconds. */
function simulationBody() {
  const unit = Number(form.rateUnit.value);
  const seconds = number(form, 'duration') * Number(form.durationUnit.value);
  const body = {
    pattern: form.pattern.value,
    arrivalRate: number(form, 'arrivalRate') / unit,
    durationSeconds: seconds,
    warmMeanSeconds: number(form, 'warmMeanMs') / 1000,
    coldMeanSeconds: number(form, 'coldMeanMs') / 1000,
    keepAlivePolicy: form.keepAlivePolicy.value,
    maxConcurrency: number(form, 'maxConcurrency'),
    provisioned: number(form, 'provisioned'),
    seed: number(form, 'seed'),
    memoryMb: number(form, 'memoryMb'),
    prices: form.prices.value,
    serverUsdPerHour: number(form, 'serverUsdPerHour'),
  };
  const measured = form.measuredFrom.value.trim();
  if (measured) body.measuredFrom = measured;
  if (body.keepAlivePolicy === 'fixed') body.keepAliveSeconds = number(form, 'keepAliveMinutes') * 60;
  if (body.pattern === 'spike') {
    const peak = number(form, 'peakRate', { optional: true });
    if (peak !== null) body.peakRate = peak / unit;
    body.spikeLengthSeconds = number(form, 'spikeLengthMinutes') * 60;
  } else if (body.pattern === 'diurnal') {
    body.amplitude = number(form, 'amplitude');
  } else if (body.pattern === 'on-off') {
    body.onSeconds = number(form, 'onMinutes') * 60;
    body.offSeconds = number(form, 'offMinutes') * 60;
  }
  return body;
}

// ---- errors in place ----

function clearErrors(target, box) {
  for (const node of target.querySelectorAll('.field-error')) {
    const input = target.elements[node.dataset.for];
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') ?? '').replace(node.id, '').trim());
    if (!input.getAttribute('aria-describedby')) input.removeAttribute('aria-describedby');
    node.remove();
  }
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

/** Shows `message` beside the control that `field` (an API field or a control name) came from; true if there is one. */
function showFieldError(target, field, message) {
  const input = target.elements[CONTROL_OF[field] ?? field];
  if (!input || input.closest('[hidden]')) return false;
  const note = document.createElement('p');
  note.className = 'field-error';
  note.id = `${input.id}-error`;
  note.dataset.for = input.name;
  note.dataset.error = field;
  note.textContent = message;
  input.closest('.field').append(note);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
  input.focus();
  return true;
}

function showProblem(box, message) {
  const text = document.createElement('p');
  text.textContent = message;
  box.replaceChildren(text);
  box.hidden = false;
}

/** Puts a failure where the learner will look: beside its field, or in the form's problem box. */
function report(error, target, box, status) {
  const field = error instanceof FieldError ? error.control : error instanceof ApiError ? error.details.field : null;
  if (field && showFieldError(target, field, error.message)) {
    status.textContent = 'Not run: see the field marked.';
  } else {
    status.textContent = 'Not run.';
    showProblem(box, error.message);
  }
}

// ---- running ----

let running = false;

async function run() {
  if (running) return;
  const status = $('sim-status');
  clearErrors(form, $('sim-error'));
  let body;
  try {
    body = simulationBody();
  } catch (error) {
    report(error, form, $('sim-error'), status);
    return;
  }
  running = true;
  $('run').setAttribute('aria-disabled', 'true');
  status.textContent = 'Simulating…';
  document.body.dataset.simulation = 'running';
  try {
    const result = await api.post('/api/simulations', body);
    showResult(result);
    status.textContent = `Simulated ${count.format(result.requests)} requests over ${span(result.durationSeconds)}.`;
    document.body.dataset.simulation = 'done';
  } catch (error) {
    report(error, form, $('sim-error'), status);
    document.body.dataset.simulation = 'failed';
  } finally {
    running = false;
    $('run').removeAttribute('aria-disabled');
  }
}

function setFigure(name, value, text) {
  const node = document.querySelector(`[data-figure="${name}"]`);
  node.textContent = text;
  node.dataset.value = value == null ? '' : String(value);
}

function showResult(result) {
  const { cost } = result;
  setFigure('requests', result.requests, count.format(result.requests));
  setFigure('coldStartProbability', result.coldStartProbability, share.format(result.coldStartProbability));
  setFigure('rejectionProbability', result.rejectionProbability, share.format(result.rejectionProbability));
  setFigure('averageInstances', result.averageInstances, decimal.format(result.averageInstances));
  setFigure('averageRunning', result.averageRunning, decimal.format(result.averageRunning));
  setFigure('averageIdle', result.averageIdle, decimal.format(result.averageIdle));
  setFigure('responseMean', result.responseTime.meanSeconds, ms(result.responseTime.meanSeconds));
  setFigure('responseP50', result.responseTime.p50Seconds, ms(result.responseTime.p50Seconds));
  setFigure('responseP99', result.responseTime.p99Seconds, ms(result.responseTime.p99Seconds));
  setFigure('serverlessUsd', cost.serverlessUsd, usd.format(cost.serverlessUsd));
  setFigure('serverUsd', cost.serverUsd, usd.format(cost.serverUsd));
  const breakEven = cost.breakEvenRequestsPerSecond;
  setFigure('breakEven', breakEven, breakEven == null ? 'none' : perSecond(breakEven));

  const period = span(result.durationSeconds);
  $('verdict').textContent = breakEven == null
    ? `No request was served in ${period}, so there is no cost per request to compare with the server's ${usd.format(cost.serverUsd)}.`
    : `Over ${period}, serverless costs ${usd.format(cost.serverlessUsd)} and the always-on server ${usd.format(cost.serverUsd)}: `
      + `serverless is ${cost.serverlessCheaper ? 'cheaper' : 'dearer'}. The two cost the same at ${perSecond(breakEven)}; `
      + `this run averaged ${perSecond(result.meanArrivalRate)}.`;
  charts.draw(result);
}

async function tune() {
  const status = $('power-status');
  clearErrors(powerForm, null);
  try {
    const base = number(powerForm, 'baseDurationMs') / 1000;
    status.textContent = 'Comparing…';
    const result = await api.post('/api/simulations/power-tuning', { baseDurationSeconds: base });
    status.textContent = '';
    $('power-picks').textContent = `Cheapest: ${result.cheapest.memoryMb} MB. Fastest: ${result.fastest.memoryMb} MB. `
      + `Balanced (cost and speed alike): ${result.balanced.memoryMb} MB.`;
    $('power-picks').dataset.cheapest = result.cheapest.memoryMb;
    charts.drawPower(result);
  } catch (error) {
    const field = error instanceof FieldError ? error.control : error.details?.field;
    if (!(field && showFieldError(powerForm, field, error.message))) status.textContent = error.message;
    else status.textContent = 'Not compared: see the field marked.';
  }
}

// ---- charts ----

const charts = {
  made: false,

  make() {
    const base = (extra = {}) => ({
      animation: false, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
      scales: {
        x: { ticks: { autoSkip: true, maxTicksLimit: 8, maxRotation: 0 } },
        y: { beginAtZero: true, ticks: { maxTicksLimit: 5 } },
      },
      ...extra,
    });
    const instances = base();
    instances.scales.x.stacked = true;
    instances.scales.y.stacked = true;
    instances.scales.y.ticks.precision = 0;
    instances.elements = { point: { radius: 0 }, line: { borderWidth: 1.5 } };
    this.instances = new Chart($('chart-instances'), {
      type: 'line', options: instances,
      data: { labels: [], datasets: [{ label: 'running', data: [], fill: 'origin' }, { label: 'idle', data: [], fill: '-1' }] },
    });
    const requests = base();
    requests.scales.x.stacked = true;
    requests.scales.y.stacked = true;
    requests.scales.y.ticks.precision = 0;
    this.requests = new Chart($('chart-requests'), {
      type: 'bar', options: requests,
      data: { labels: [], datasets: [{ label: 'warm', data: [] }, { label: 'cold', data: [] }, { label: 'refused', data: [] }] },
    });
    const bills = base({ interaction: { mode: 'nearest', intersect: false } });
    bills.scales.x = { type: 'linear', beginAtZero: true, title: { display: true, text: 'requests a second' },
      ticks: { maxTicksLimit: 7 } };
    bills.scales.y.title = { display: true, text: 'US dollars over the period' };
    bills.elements = { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 2 } };
    this.bills = new Chart($('chart-break-even'), {
      type: 'line', options: bills,
      data: { datasets: [{ label: 'serverless', data: [] }, { label: 'server', data: [], borderDash: [6, 3] },
        { label: 'break-even', type: 'scatter', data: [], pointRadius: 6, pointStyle: 'rectRot' },
        { label: 'this run', type: 'scatter', data: [], pointRadius: 6, pointStyle: 'triangle' }] },
    });
    const power = base();
    power.scales.y.title = { display: true, text: 'duration (ms)' };
    power.scales.y1 = { position: 'right', beginAtZero: true, title: { display: true, text: 'cost (millionths of a dollar)' },
      grid: { drawOnChartArea: false }, ticks: { maxTicksLimit: 5 } };
    this.power = new Chart($('chart-power'), {
      type: 'bar', options: power,
      // The cost line drawn over the bars (a lower order is drawn later, on top).
      data: { labels: [], datasets: [{ label: 'duration (ms)', data: [], yAxisID: 'y', order: 1 },
        { label: 'cost (µ$)', type: 'line', data: [], yAxisID: 'y1', pointRadius: 3, order: 0 }] },
    });
    this.made = true;
    this.recolour();
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.recolour());
  },

  /** Colours from the CSS variables; called again when the system switches between light and dark. */
  recolour() {
    const c = palette();
    const colours = [[this.instances, [c.busy, c.idle]], [this.requests, [c.warm, c.cold, c.error]],
      [this.bills, [c.accent, c.warn, c.fg, c.cold]], [this.power, [c.cold, c.warm]]];
    for (const [chart, list] of colours) {
      chart.data.datasets.forEach((dataset, i) => {
        dataset.borderColor = list[i];
        // Filled areas are see-through (the variables are #rrggbb; 73 is 45 % opaque), so that lines stay readable.
        dataset.backgroundColor = dataset.fill && /^#[0-9a-f]{6}$/i.test(list[i]) ? `${list[i]}73` : list[i];
      });
      for (const axis of Object.values(chart.options.scales)) {
        axis.ticks.color = c.muted;
        axis.grid = { ...axis.grid, color: c['surface-2'] };
        axis.border = { color: c.border };
        if (axis.title) axis.title.color = c.muted;
      }
      chart.options.plugins.legend.labels.color = c.fg;
      chart.update('none');
    }
  },

  draw(result) {
    if (!this.made) this.make();
    const labels = result.series.map((point) => span(point.endSeconds));
    const step = result.series.length ? result.series[0].endSeconds : 0;
    this.instances.data.labels = labels;
    this.instances.data.datasets[0].data = result.series.map((p) => p.running);
    this.instances.data.datasets[1].data = result.series.map((p) => p.idle);
    this.instances.update('none');
    this.requests.data.labels = labels;
    this.requests.data.datasets[0].data = result.series.map((p) => p.arrivals - p.coldStarts - p.refused);
    this.requests.data.datasets[1].data = result.series.map((p) => p.coldStarts);
    this.requests.data.datasets[2].data = result.series.map((p) => p.refused);
    this.requests.update('none');

    const peak = result.series.reduce((best, p) => (p.running + p.idle > best.running + best.idle ? p : best),
      { running: 0, idle: 0, endSeconds: 0 });
    $('chart-instances-text').textContent = `${result.series.length} intervals of ${span(step)}. On average `
      + `${decimal.format(result.averageRunning)} instances running and ${decimal.format(result.averageIdle)} idle; `
      + `the most at an interval's end: ${peak.running + peak.idle} (${peak.running} running, ${peak.idle} idle) at ${span(peak.endSeconds)}.`;
    const busiest = result.series.reduce((best, p) => (p.arrivals > best.arrivals ? p : best), { arrivals: 0, endSeconds: 0 });
    $('chart-requests-text').textContent = `${count.format(result.requests)} requests: `
      + `${count.format(result.served - result.coldStarts)} warm, ${count.format(result.coldStarts)} cold, `
      + `${count.format(result.rejections + result.throttles)} refused. The busiest interval had `
      + `${count.format(busiest.arrivals)} requests, up to ${span(busiest.endSeconds)}.`;

    const { cost } = result;
    const bills = result.billsByRate;
    this.bills.data.datasets[0].data = bills.map((b) => ({ x: b.requestsPerSecond, y: b.serverlessUsd }));
    this.bills.data.datasets[1].data = bills.map((b) => ({ x: b.requestsPerSecond, y: b.serverUsd }));
    this.bills.data.datasets[2].data = cost.breakEvenRequestsPerSecond == null ? []
      : [{ x: cost.breakEvenRequestsPerSecond, y: cost.serverUsd }];
    this.bills.data.datasets[3].data = [{ x: result.meanArrivalRate, y: cost.serverlessUsd }];
    this.bills.update('none');
    $('chart-break-even-text').textContent = cost.breakEvenRequestsPerSecond == null
      ? 'No request was served, so there is no serverless line to draw.'
      : `The server costs ${usd.format(cost.serverUsd)} over ${span(result.durationSeconds)} at any rate. The serverless `
        + `bill grows by ${usd.format(cost.costPerRequestUsd)} a request and reaches the server's at `
        + `${perSecond(cost.breakEvenRequestsPerSecond)}. This run averaged ${perSecond(result.meanArrivalRate)} and `
        + `cost ${usd.format(cost.serverlessUsd)}.`;
  },

  drawPower(result) {
    if (!this.made) this.make();
    this.power.data.labels = result.sizes.map((s) => `${s.memoryMb} MB`);
    this.power.data.datasets[0].data = result.sizes.map((s) => s.durationSeconds * 1000);
    this.power.data.datasets[1].data = result.sizes.map((s) => s.costUsd * 1e6);
    this.power.update('none');
    $('chart-power-text').textContent = result.sizes.map((s) => `${s.memoryMb} MB: ${ms(s.durationSeconds)}, `
      + `${usd.format(s.costUsd)}`).join('; ') + `. Cheapest ${result.cheapest.memoryMb} MB, fastest `
      + `${result.fastest.memoryMb} MB.`;
  },
};

// ---- start: the preset and the query's settings, then a run ----

/** Fills the form from the URL; false when it names a preset there is none of. */
function applyQuery() {
  const params = new URLSearchParams(location.search);
  const name = params.get('preset');
  const note = $('preset-note');
  if (name) {
    const preset = PRESETS[name];
    if (preset) {
      fill(preset.values);
      note.textContent = preset.note;
      note.dataset.preset = name;
      note.hidden = false;
    } else {
      showProblem($('sim-error'), `There is no preset called “${name}”: try ${Object.keys(PRESETS).join(', ')}.`);
      return false;
    }
  }
  const settings = Object.fromEntries([...params].filter(([key]) => key !== 'preset' && form.elements[key]));
  fill(settings);
  if (params.has('baseDurationMs')) powerForm.baseDurationMs.value = params.get('baseDurationMs');
  return true;
}

form.addEventListener('submit', (event) => { event.preventDefault(); run(); });
powerForm.addEventListener('submit', (event) => { event.preventDefault(); tune(); });
form.pattern.addEventListener('change', showPatternFields);
form.keepAlivePolicy.addEventListener('change', showPatternFields);
// A field edited after a refusal is no longer known to be wrong.
form.addEventListener('input', (event) => {
  if (event.target.getAttribute('aria-invalid')) clearErrors(form, null);
});

fill(defaults);
showHealth($('health'));
tune();
// A preset that does not exist is shown as a problem instead of running something else.
if (applyQuery()) run().then(() => { document.body.dataset.ready = 'true'; });
else document.body.dataset.ready = 'true';
