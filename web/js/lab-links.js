// Lesson links that act on the lab: [Send a burst of 20](#lab/burst/20). They run the lab's own controls (the
// editor's deploy and invoke, the event picker, the traffic generator, the function's settings), and make what a
// lesson needs around the function (a queue, a dead-letter queue, a queue trigger, a bucket subscription, a table, a
// schedule), saying what they did. Their grammar is in lessons/README.md; LessonStartersTest holds every lesson's
// links to it.
import { api, ApiError } from './api.js';
import { FormProblem, h } from './dom.js';

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
      this.run(link.getAttribute('href'));
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
      case 'queue':
        return this.#act(() => (args[1] === 'redrive' ? this.#queueWithRedrive(args[0], args[2], Number(args[3]))
          : this.#queue(args[0])));
      case 'trigger':
        return this.#act(() => this.#queueTrigger(args[1]));
      case 'subscribe':
        return this.#act(() => this.#bucketSubscription(args[1]));
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

  async #queueWithRedrive(name, deadLetterQueue, maxReceiveCount) {
    await api.put(`/api/queues/${encodeURIComponent(deadLetterQueue)}`, {});
    await api.put(`/api/queues/${encodeURIComponent(name)}`,
      { redrivePolicy: { deadLetterQueue, maxReceiveCount } });
    return `The queue ${name} is ready: a message received ${maxReceiveCount} times without being deleted moves to ${deadLetterQueue}.`;
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

  async #bucketSubscription(bucket) {
    await this.#deployed();
    const name = this.lab.functionName;
    const path = `/api/buckets/${encodeURIComponent(bucket)}`;
    await api.put(path);
    const { subscriptions } = await api.get(`${path}/subscriptions`);
    if (!subscriptions.some((subscription) => subscription.function === name)) {
      await api.post(`${path}/subscriptions`, { function: name });
    }
    return `${name} now runs for every object stored in the bucket ${bucket}.`;
  }

  // Made afresh, so that an experiment's counts start at 0 however often the learner runs it.
  async #freshTable(table) {
    const path = `/api/tables/${encodeURIComponent(table)}`;
    try {
      await api.del(path);
    } catch (e) {
      if (e.status !== 404) throw e;
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
