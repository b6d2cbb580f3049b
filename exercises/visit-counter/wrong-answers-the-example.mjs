// Wrong: the answer the task shows for Ada's first visit, whatever happened. It counts nothing.
export const handler = async (event) => ({
  user: event.queryStringParameters?.user ?? event.user ?? 'anonymous',
  visits: 1,
  total: 1,
});
