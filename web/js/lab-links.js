// Lesson links that act on the lab: [Send a burst of 20](#lab/burst/20). They run the lab's own controls (the
// editor's deploy and invoke, the event picker, the traffic generator, the function's settings), and make what a
// lesson needs around the function (a queue, a dead-letter queue, a queue trigger, a message, a table with a
// change stream and its trigger, an item written or deleted, a bucket subscription, an empty table, a schedule) or sends it a
// fixed set of unusual requests (lab-requests.js), saying what they did. Their grammar is in lessons/README.md; LessonStartersTest holds every lesson's
// links to it.
import { api, ApiError, request } from './api.js';
import { FormProblem, h } from './dom.js';
import { sendRequests } from './lab-requests.js';

export class LabLinks {
  /**
   * @param root     where the links' messages go (a status line, and an alert when one fails)
   * @param parts    {lab, traffic, settings, panel}: the lesson page's lab and its optional modules (null when
   *                 one did not load)
   */
  constructor(root, { lab, traffic, settings, panel }) {
    this.lab = lab;
    this.traffic = traffic;
    this.settings = settings;
    this.panel = panel;
    this.problem = new FormProblem(null, { 'data-lab-links': 'error' });
    this.state = h('p', { class: 'status', role: 'status', 'data-lab-links': 'state' });
    root.append(this.state, this.problem.node);
  }

  /** Makes every `#lab/…` link in `article` act when followed (click, or Enter on the focused link). */
  wire(article) {
    article.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="#lab/"]');
      if (!link) return;
      event.preventDefault();
      // The link counts its finished runs, so that whoever followed it (a script, the browser tests) can tell when
      // its action is done, rather than guess how long a deploy or a burst takes.
      this.run(link.getAttribute('href')).finally(() => {
        link.dataset.done = String(Number(link.dataset.done || 0) + 1);
      });
    });
  }

  /** Does what `href` (`#lab/burst/20`) says; resolves when it is done. */
  async run(href) {
    const [action, ...args] = href.slice('#lab/'.length).split('/').map(decodeURIComponent);
    this.problem.clear();
    const { lab } = this;
    switch (action) {
      case 'invoke':
        return lab.deployAndInvoke();
      case 'event':
        // The focus stays on the link, so the lesson's next link is one Tab away; the status says where it went.
        await lab.loadEvent(args[0]);
        this.#say(`The lab's event is now the ${document.querySelector('#event-kind option:checked')?.textContent
          ?? args[0]} sample: see it under Event, beside the editor.`);
        return undefined;
      case 'language':
        document.querySelector(`input[name="runtime"][value="${args[0]}"]`).checked = true;
        return lab.switchRuntime(args[0]);
      case 'burst':
        return this.traffic?.burst(Number(args[0]));
      case 'traffic':
        return this.traffic?.start(args[0], Number(args[1]), Number(args[2]));
      case 'config':
        return this.settings?.set(args[0], args[1]);
      case 'redeploy':
        return this.#act(async () => {
          await this.#deployed(true);
          await api.del(this.#functionPath('/instances'));
          return `The lab deployed ${lab.functionName} again: its old instances are gone, and the next request is a cold start.`;
        });
      case 'fresh-instances':
        return this.#act(async () => {
          await this.#deployed();
          await api.del(this.#functionPath('/instances'));
          return `The lab let go of the function’s instances (${lab.functionName}): the next request starts a new one, a cold start.`;
        });
      case 'requests':
        return this.#act(async () => {
          await this.#deployed();
          // One line per request; the status line reads them as sentences, an experiment as a list.
          return (await sendRequests(this.lab.functionName, args[0])).join('\n');
        });
      case 'queue':
        return this.#act(() => (args[1] === 'redrive' ? this.#queueWithRedrive(args[0], args[2], Number(args[3]),
          args[4] === 'visibility' ? Number(args[5]) : undefined) : this.#queue(args[0])));
      case 'trigger':
        return this.#act(() => (args[0] === 'stream' ? this.#streamTrigger(args[1]) : this.#queueTrigger(args[1])));
      case 'message':
        return this.#act(() => this.#message(args[0], args.slice(1).join('/')));
      case 'stream':
        return this.#act(() => this.#tableWithStream(args[0], args[1]));
      case 'put':
        return this.#act(() => this.#putItem(args[0], args.slice(1)));
      case 'delete':
        return this.#act(() => this.#deleteItem(args[0], args[1]));
      case 'subscribe':
        return this.#act(() => this.#bucketSubscription(args[1], args[2] === 'prefix' ? args.slice(3).join('/') : ''));
      case 'upload':
        return this.#act(() => this.#upload(args[0], args.slice(1).join('/')));
      case 'async':
        return this.#act(() => this.#invokeAsync(args[0] === 'fail' ? { fail: true } : null));
      case 'table':
        return this.#act(() => this.#freshTable(args[0]));
      case 'schedule':
        return this.#act(() => (args[1] === 'off' ? this.#scheduleOff(args[0]) : this.#schedule(args[0], Number(args[1]))));
      default:
        this.problem.show(`This lesson’s link “${href}” asks the lab for something it cannot do.`);
        return undefined;
    }
  }

  // ---- what a lesson needs around the function ----

  async #queue(name) {
    await api.put(`/api/queues/${encodeURIComponent(name)}`, {});
    return `The queue ${name} is ready.`;
  }

  async #queueWithRedrive(name, deadLetterQueue, maxReceiveCount, visibilityTimeoutSeconds) {
    await api.put(`/api/queues/${encodeURIComponent(deadLetterQueue)}`, {});
    // A short visibility timeout, when the lesson asks for one, so that a failed message comes back in seconds.
    await api.put(`/api/queues/${encodeURIComponent(name)}`, {
      redrivePolicy: { deadLetterQueue, maxReceiveCount },
      ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
    });
    const hidden = visibilityTimeoutSeconds === undefined ? '' : ` A received message stays hidden for ${visibilityTimeoutSeconds} s.`;
    return `The queue ${name} is ready: a message received ${maxReceiveCount} times without being deleted moves to ${deadLetterQueue}.${hidden}`;
  }

  async #message(queue, body) {
    await api.post(`/api/queues/${encodeURIComponent(queue)}/messages`, { body });
    return `Sent to the queue ${queue}: ${body}`;
  }

  async #tableWithStream(table, partitionKey) {
    const path = `/api/tables/${encodeURIComponent(table)}`;
    await api.put(path, { partitionKey });
    await api.put(`${path}/stream`, { streamViewType: 'NEW_AND_OLD_IMAGES' });
    return `The table ${table} (key ${partitionKey}) is ready, with a stream: every insert, change and removal of an item becomes a record, with the item's old and new images.`;
  }

  async #streamTrigger(table) {
    await this.#deployed();
    const name = this.lab.functionName;
    const { streamMappings } = await api.get('/api/stream-mappings');
    if (streamMappings.some((mapping) => mapping.table === table && mapping.function === name)) {
      return `The stream of ${table} triggers ${name} already.`;
    }
    // From the oldest record, so that changes made before the trigger are handed over too; two retries, so
    // that a batch the function keeps failing does not hold back the stream for a day, as Lambda's default would.
    const mapping = await api.post('/api/stream-mappings',
      { table, function: name, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 2 });
    return `The stream of ${table} now triggers ${name}, in batches of up to ${mapping.batchSize} records, in the order they were made.`;
  }

  /** `pairs`: `["orderId=o-1", "item=tea"]`, the key first; every value a string. */
  async #putItem(table, pairs) {
    const item = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    const key = Object.values(item)[0];
    await api.put(`/api/tables/${encodeURIComponent(table)}/items/${encodeURIComponent(key)}`, item);
    return `Wrote the item ${JSON.stringify(item)} to the table ${table}.`;
  }

  async #deleteItem(table, key) {
    await api.del(`/api/tables/${encodeURIComponent(table)}/items/${encodeURIComponent(key)}`);
    return `Deleted the item ${key} from the table ${table}.`;
  }

  async #queueTrigger(queue) {
    await this.#deployed();
    const name = this.lab.functionName;
    await api.put(`/api/queues/${encodeURIComponent(queue)}`, {});
    // Lesson 2 teaches partial batch responses, so the trigger reads the function's batchItemFailures: Lambda's
    // FunctionResponseTypes ReportBatchItemFailures, off by default there and here.
    const functionResponseTypes = ['ReportBatchItemFailures'];
    const { eventSourceMappings } = await api.get(`/api/event-source-mappings?function=${encodeURIComponent(name)}`);
    const existing = eventSourceMappings.find((mapping) => mapping.queue === queue);
    if (existing && existing.functionResponseTypes.includes('ReportBatchItemFailures')) {
      return `The queue ${queue} triggers ${name} already, with ReportBatchItemFailures.`;
    }
    if (existing) {
      await api.put(`/api/event-source-mappings/${encodeURIComponent(existing.uuid)}`, { functionResponseTypes });
      return `The queue ${queue} triggers ${name} already; it now reads the batchItemFailures ${name} returns (ReportBatchItemFailures).`;
    }
    const mapping = await api.post('/api/event-source-mappings', { queue, function: name, functionResponseTypes });
    const warnings = (mapping.warnings || []).join(' ');
    return `The queue ${queue} now triggers ${name}, in batches of up to ${mapping.batchSize}, with ReportBatchItemFailures: only the messages ${name} names in batchItemFailures come back.${warnings ? ` ${warnings}` : ''}`;
  }

  /** With a prefix, the function's subscriptions to the bucket are replaced by one for keys under it alone. */
  async #bucketSubscription(bucket, prefix) {
    await this.#deployed();
    const name = this.lab.functionName;
    const path = `/api/buckets/${encodeURIComponent(bucket)}`;
    await api.put(path);
    const { subscriptions } = await api.get(`${path}/subscriptions`);
    const own = subscriptions.filter((subscription) => subscription.function === name);
    if (own.some((subscription) => subscription.prefix === prefix && subscription.suffix === '')) {
      return `${name} runs already for every object stored in the bucket ${bucket}${prefix ? ` under ${prefix}` : ''}.`;
    }
    for (const subscription of own) {
      await api.del(`${path}/subscriptions/${encodeURIComponent(subscription.id)}`);
    }
    await api.post(`${path}/subscriptions`, prefix ? { function: name, prefix } : { function: name });
    return prefix
      ? `${name} now runs only for objects stored in the bucket ${bucket} under ${prefix}: other keys invoke nothing.`
      : `${name} now runs for every object stored in the bucket ${bucket}.`;
  }

  async #upload(bucket, key) {
    const path = `/api/buckets/${encodeURIComponent(bucket)}`;
    await api.put(path);
    const objectPath = `${path}/objects/${key.split('/').map(encodeURIComponent).join('/')}`;
    await request('PUT', objectPath, `uploaded from the lesson at ${new Date().toISOString()}\n`,
      { 'Content-Type': 'text/plain' });
    return `The lab stored ${key} in the bucket ${bucket}: each function subscribed to it is invoked asynchronously. Watch the live log and the panel.`;
  }

  /** `event` null: the event picked in the lab. Answered at once (202); the platform runs it, and retries it, after. */
  async #invokeAsync(event) {
    await this.#deployed();
    const name = this.lab.functionName;
    const payload = event ?? this.lab.events.event();
    await request('POST', `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, payload,
      { 'X-Amz-Invocation-Type': 'Event' });
    return `The platform accepted ${JSON.stringify(payload)} for ${name} asynchronously (202 Accepted) and runs it on its own: watch the live log.`;
  }

  // Made afresh, so that an experiment's counts start at 0 however often the learner runs it.
  async #freshTable(table) {
    const path = `/api/tables/${encodeURIComponent(table)}`;
    // Asked of the list, not of the table: a 404 would show in the browser's console as a failed load.
    const { tables } = await api.get('/api/tables');
    if (tables.some((existing) => existing.name === table)) {
      await api.del(path);
    }
    await api.put(path, { partitionKey: 'id' });
    return `The table ${table} is ready and empty, keyed by id: every instance of the function reads and writes the same items.`;
  }

  async #schedule(schedule, seconds) {
    await this.#deployed();
    const name = this.lab.functionName;
    await api.put(`/api/schedules/${encodeURIComponent(schedule)}`,
      { expression: `rate(${seconds} seconds)`, function: name, enabled: true });
    return `The schedule ${schedule} invokes ${name} every ${seconds} seconds until it is switched off.`;
  }

  async #scheduleOff(schedule) {
    try {
      await api.del(`/api/schedules/${encodeURIComponent(schedule)}`);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    return `The schedule ${schedule} is switched off.`;
  }

  // ---- steps ----

  /** Deploys the editor's code unless the server runs it already (always, when `again`); throws when it could not. */
  async #deployed(again = false) {
    if (this.lab.busy) throw new Error('the lab is still deploying or invoking: try again when it has finished.');
    let ok = false;
    await this.lab.run(async () => { ok = await this.lab.deploy(again); });
    if (!ok) throw new Error('the function is not deployed: see the problem under the editor.');
  }

  #functionPath(rest) {
    return `/api/functions/${encodeURIComponent(this.lab.functionName)}${rest}`;
  }

  /** Runs a step, says what it did, and shows its outcome in the panel (and the settings' queue list). */
  /** Does `step`, says what it did (or what went wrong) and resolves to that, for an experiment to show too. */
  async #act(step) {
    this.#say('Working…');
    let said;
    try {
      said = await step();
      this.#say(said);
    } catch (error) {
      this.#say('');
      said = `That did not work: ${error.message}`;
      this.problem.show(said);
    }
    await Promise.all([this.panel?.refreshSetup(), this.settings?.refreshQueues()]);
    return said;
  }

  #say(text) {
    if (this.state.textContent !== text) this.state.textContent = text;
  }

}
