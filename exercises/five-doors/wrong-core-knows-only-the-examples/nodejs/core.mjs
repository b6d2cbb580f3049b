// Wrong: the core recognises the task's eight examples and answers each as the table says, computing nothing;
// any other order (a coffee for seven, a 101st cake) gets a made-up answer.
const JSON_TYPE = { 'content-type': 'application/json' };
const answer = (status, value) => ({ status, headers: JSON_TYPE, body: JSON.stringify(value) });

export function quote({ method, query = {}, body = '' }) {
  if (method !== 'GET' && method !== 'POST') return answer(405, { error: 'use GET or POST' });
  const text = method === 'GET' ? `${query.item}/${query.qty ?? ''}` : String(typeof body === 'string' ? body : JSON.stringify(body));
  if (text === 'tea/') return answer(200, { item: 'tea', qty: 1, unitCents: 350, totalCents: 350 });
  if (text === 'cake/3') return answer(200, { item: 'cake', qty: 3, unitCents: 500, totalCents: 1500 });
  if (text.includes('coffee')) return answer(200, { item: 'coffee', qty: 2, unitCents: 420, totalCents: 840 });
  if (text === 'unicorn/') return answer(404, { error: 'not on the price list' });
  return answer(400, { error: 'bad order' });
}
