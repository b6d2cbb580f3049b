// A lesson's interactive blocks. A prediction asks first: the learner commits to a choice, the server records it
// and only then says which choice was right, the lab runs the experiment, and the page shows what happened beside
// what was predicted. The concept check at the end grades each answer on the server and may be retried. Neither
// block has its answers in the page before the learner has answered: the server keeps them.
import { api, ApiError } from './api.js';
import { h } from './dom.js';

/** An element whose inner HTML is the server's rendering of the lesson's Markdown (questions, choices, explanations). */
function rendered(tag, html, attrs = {}) {
  const node = h(tag, attrs);
  node.innerHTML = html;
  return node;
}

export class LessonBlocks {
  /**
   * @param article the lesson's text, holding the blocks' places ([data-prediction], [data-concept-check])
   * @param lesson the lesson page from GET /api/lessons/{id}
   * @param saved the learner's progress documents
   * @param runAction runs one lab action (`invoke`, `burst/20` …) and resolves to what happened, as a node
   * @param onProgress called with {answered, of, score, questions, pass, passed} after every answer
   */
  constructor(article, lesson, saved, { runAction, onProgress }) {
    this.article = article;
    this.lesson = lesson;
    this.runAction = runAction;
    this.onProgress = onProgress;
    this.predictions = saved[`predictions.${lesson.id}`] || {};
    const check = saved[`check.${lesson.id}`] || {};
    this.checkAnswers = check.answers || {};
    this.state = {
      answered: lesson.predictions.filter((p) => this.predictions[p.id]).length,
      of: lesson.predictions.length,
      score: check.score || 0,
      questions: lesson.check ? lesson.check.questions.length : 0,
      pass: lesson.check ? lesson.check.pass : 0,
      passed: Boolean(check.passed),
    };
  }

  render() {
    for (const prediction of this.lesson.predictions) {
      const place = this.article.querySelector(`[data-prediction="${CSS.escape(prediction.id)}"]`);
      if (place) this.#prediction(place, prediction);
    }
    const place = this.article.querySelector('[data-concept-check]');
    if (place && this.lesson.check) this.#check(place, this.lesson.check);
    this.onProgress(this.state);
  }

  // ---- predictions ----

  #prediction(place, prediction) {
    const name = `prediction-${prediction.id}`;
    const legendId = `${name}-question`;
    const choices = prediction.choices.map((html, index) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value: String(index) }), rendered('span', html)));
    const status = h('p', { class: 'block-status', role: 'status', 'data-prediction-status': '' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-prediction-run': '' });
    const form = h('form', { class: 'prediction-form', 'aria-labelledby': legendId },
      h('fieldset', {},
        h('legend', { id: legendId }, h('span', { class: 'block-label', text: 'Predict: ' }), rendered('span', prediction.question)),
        ...choices),
      h('div', { class: 'toolbar' }, submit, status));
    const outcome = h('div', { class: 'prediction-outcome', 'data-prediction-outcome': '', hidden: true });
    place.replaceChildren(form, outcome);
    place.dataset.state = 'asking';

    const recorded = this.predictions[prediction.id];
    if (recorded) {
      form.elements[name].value = String(recorded.choice);
      for (const radio of form.querySelectorAll('input')) radio.disabled = true;
      submit.textContent = 'Run the experiment again';
      status.textContent = 'Your prediction is recorded (it stays as you chose it). Run the experiment again to see what'
        + ' happens beside it, and why.';
      place.dataset.state = 'answered';
    } else {
      submit.textContent = 'Lock in my prediction and run the experiment';
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#predict(place, prediction, form, status, outcome);
    });
  }

  async #predict(place, prediction, form, status, outcome) {
    if (place.dataset.state === 'running') return;
    const name = `prediction-${prediction.id}`;
    const value = form.elements[name].value;
    if (value === '') {
      status.textContent = 'Choose an answer first: the point is to commit before you see what happens.';
      form.querySelector('input').focus();
      return;
    }
    const first = !this.predictions[prediction.id];
    place.dataset.state = 'running';
    let answer;
    try {
      answer = await api.post(`/api/lessons/${encodeURIComponent(this.lesson.id)}/predictions/${encodeURIComponent(prediction.id)}`,
        { choice: Number(value) });
    } catch (e) {
      place.dataset.state = first ? 'asking' : 'answered';
      status.textContent = `Your prediction could not be recorded: ${e.message}`;
      return;
    }
    this.predictions[prediction.id] = { choice: answer.choice };
    form.elements[name].value = String(answer.choice);
    for (const radio of form.querySelectorAll('input')) radio.disabled = true;
    form.querySelector('[data-prediction-run]').textContent = 'Run the experiment again';
    if (first) {
      this.state.answered = answer.answered;
      this.onProgress(this.state);
    }
    status.textContent = 'Prediction recorded. Running the experiment…';
    const happened = h('div', { class: 'happened' });
    for (const action of prediction.experiment) {
      try {
        happened.append(await this.runAction(action));
      } catch (e) {
        happened.append(h('p', { class: 'error-text', text: `The experiment stopped at “${action}”: ${e.message}` }));
        break;
      }
    }
    this.#showOutcome(outcome, prediction, answer, happened);
    place.dataset.state = 'answered';
    place.dataset.right = String(answer.right);
    status.textContent = 'Done: see what happened beside your prediction.';
    outcome.querySelector('h4').focus();
  }

  #showOutcome(outcome, prediction, answer, happened) {
    const verdict = answer.right ? 'Your prediction was right.' : 'Not what happened.';
    const predicted = h('section', { class: 'predicted', 'data-predicted': '' },
      h('h4', { tabindex: '-1', text: 'You predicted' }),
      rendered('p', prediction.choices[answer.choice]),
      h('p', { class: answer.right ? 'verdict right' : 'verdict wrong', 'data-verdict': String(answer.right) },
        h('span', { 'aria-hidden': 'true', text: answer.right ? '✔ ' : '✘ ' }), verdict),
      rendered('div', answer.explanation, { 'data-explanation': '' }));
    if (!answer.right) {
      predicted.append(h('p', { class: 'right-answer' }, h('strong', { text: 'What happens: ' }),
        rendered('span', prediction.choices[answer.rightChoice])), rendered('div', answer.rightExplanation));
    }
    const observed = h('section', { class: 'observed', 'data-observed': '' }, h('h4', { text: 'What happened' }), happened);
    outcome.replaceChildren(h('div', { class: 'side-by-side' }, predicted, observed));
    if (answer.reveal) outcome.append(rendered('div', answer.reveal, { class: 'reveal', 'data-reveal': '' }));
    outcome.hidden = false;
  }

  // ---- the concept check ----

  #check(place, check) {
    this.score = h('p', { class: 'check-score', role: 'status', 'data-check-score': '' });
    const forms = check.questions.map((question, index) => this.#question(question, index));
    place.replaceChildren(
      h('p', { class: 'muted', text: `Answer ${check.pass} of the ${check.questions.length} questions right to pass. A wrong answer says why; try again as often as you like.` }),
      ...forms, this.score);
    this.#showScore();
  }

  #question(question, index) {
    const name = `check-${question.id}`;
    const legendId = `${name}-question`;
    const fieldset = h('fieldset', {},
      h('legend', { id: legendId }, h('span', { class: 'block-label', text: `${index + 1}. ` }), rendered('span', question.question)));
    if (question.kind === 'choice') {
      question.choices.forEach((html, choice) => fieldset.append(h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: String(choice) }), rendered('span', html))));
    } else {
      fieldset.append(h('label', { class: 'number-answer' }, h('span', { text: 'Your answer ' }),
        h('input', { type: 'text', name, inputmode: 'decimal', autocomplete: 'off', size: 12 }),
        question.unit ? h('span', { text: ` ${question.unit}` }) : ''));
    }
    const feedback = h('div', { class: 'check-feedback', role: 'status', 'data-feedback': '' });
    const form = h('form', { class: 'check-question', 'data-question': question.id, 'aria-labelledby': legendId },
      fieldset, h('div', { class: 'toolbar' }, h('button', { type: 'submit', text: 'Check my answer' })), feedback);
    const previous = this.checkAnswers[question.id];
    if (previous) {
      form.elements[name].value = String(previous.answer);
      form.dataset.right = String(previous.right);
      feedback.textContent = previous.right ? 'Answered right before.' : 'Answered before, not right yet: try again.';
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#answer(form, question, feedback);
    });
    return form;
  }

  async #answer(form, question, feedback) {
    const raw = form.elements[`check-${question.id}`].value.trim();
    if (raw === '') {
      feedback.textContent = question.kind === 'choice' ? 'Choose an answer first.' : 'Write a number first.';
      return;
    }
    const answer = Number(question.kind === 'choice' ? raw : raw.replace(/,/g, '.').replace(/\s/g, ''));
    if (!Number.isFinite(answer)) {
      feedback.textContent = `“${raw}” is not a number: write one such as 0.5.`;
      return;
    }
    let result;
    try {
      result = await api.post(`/api/lessons/${encodeURIComponent(this.lesson.id)}/check/${encodeURIComponent(question.id)}`, { answer });
    } catch (e) {
      feedback.textContent = e instanceof ApiError ? `Not checked: ${e.message}` : 'Not checked: the server did not answer.';
      return;
    }
    form.dataset.right = String(result.right);
    feedback.replaceChildren(
      h('p', { class: result.right ? 'verdict right' : 'verdict wrong', 'data-verdict': String(result.right) },
        h('span', { 'aria-hidden': 'true', text: result.right ? '✔ ' : '✘ ' }),
        result.right ? 'Right.' : 'Not quite: try again.'),
      rendered('div', result.explanation, { 'data-explanation': '' }));
    Object.assign(this.state, { score: result.score, passed: result.passed });
    this.#showScore();
    this.onProgress(this.state);
  }

  #showScore() {
    const { score, questions, pass, passed } = this.state;
    this.score.dataset.score = String(score);
    this.score.dataset.passed = String(passed);
    this.score.textContent = `Score: ${score} of ${questions}. ${passed ? 'Passed.' : `${pass} needed to pass.`}`;
  }
}

/** Glossary terms: their definitions show on focus and hover (CSS); Escape hides one until the focus leaves it. */
export function wireTerms(article) {
  article.addEventListener('keydown', (event) => {
    const term = event.target.closest?.('.term');
    if (event.key === 'Escape' && term) term.classList.add('dismissed');
  });
  article.addEventListener('focusout', (event) => event.target.closest?.('.term')?.classList.remove('dismissed'));
  article.addEventListener('mouseout', (event) => {
    const term = event.target.closest?.('.term');
    if (term && !term.contains(event.relatedTarget)) term.classList.remove('dismissed');
  });
}
