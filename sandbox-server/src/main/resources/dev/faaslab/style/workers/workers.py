# Cloudflare's Python Workers: `from workers import WorkerEntrypoint, Response` with a class Default whose
# async fetch(self, request) answers (the current docs), or the older module-level async on_fetch(request, env);
# scheduled / on_scheduled and queue / on_queue likewise. self.env holds the function's variables and its
# bindings (a table as KV: get, put, delete, list; a queue as a producer: send, send_batch).
#
# The handler's coroutine is driven without asyncio (a cold start with asyncio costs much more in GraalPy): it may
# await the request's and the bindings' methods, which complete at once; awaiting anything else is refused.


def faaslab_style(core):
    import json
    import sys
    error = core.error
    exited = core.exited
    capture_logging = core.capture_logging
    sdk_send = core.sdk_send
    config = core.config
    found = {}  # 'entrypoint': the WorkerEntrypoint class, or 'fetch' / 'scheduled' / 'queue': on_* functions

    def drive(value):
        """The coroutine's result, run to its end here; a plain value as it is."""
        if not hasattr(value, 'send'):
            return value
        try:
            value.send(None)
        except StopIteration as done:
            return done.value
        value.close()
        raise RuntimeError('the handler awaited something FaaS Lab cannot drive (an asyncio task or sleep?): Python'
                           ' Workers here run without asyncio, so await only the request\'s and env\'s methods')

    class Headers(dict):
        """Header names in lower case, as the Fetch standard's Headers reads them."""

        def __init__(self, pairs=()):
            super().__init__()
            for name, value in (pairs.items() if isinstance(pairs, dict) else pairs):
                key = str(name).lower()
                self[key] = self[key] + ', ' + str(value) if key in self else str(value)

        def get(self, name, default=None):
            return super().get(str(name).lower(), default)

    class Request:
        def __init__(self, event):
            self.method = event['method']
            self.url = 'http://%s/fn/%s%s%s' % (event.get('host') or 'localhost', config['functionName'],
                                                event['path'], '?' + event['query'] if event.get('query') else '')
            self.headers = Headers(event['headers'])
            self._body = provider_body(event)

        async def text(self):
            return self._body.decode('utf-8')

        async def json(self):
            return json.loads(self._body.decode('utf-8'))

        async def bytes(self):
            return self._body

    class Response:
        def __init__(self, body=None, status=200, headers=None, status_text=None):
            self.status = int(status)
            self.headers = Headers(headers or {})
            if isinstance(body, str) and 'content-type' not in self.headers:
                self.headers['content-type'] = 'text/plain;charset=UTF-8'
            self.body = body

        @staticmethod
        def json(data, status=200, headers=None):
            all_headers = Headers(headers or {})
            all_headers.setdefault('content-type', 'application/json')
            return Response(json.dumps(data), status, all_headers)

        @staticmethod
        def redirect(url, status=302):
            return Response(None, status, {'location': url})

    class WorkerEntrypoint:
        def __init__(self, ctx, env):
            self.ctx = ctx
            self.env = env

    def handler(function):
        """The older docs' @handler decorator: the function as it is."""
        return function

    workers = type(sys)('workers')
    workers.WorkerEntrypoint = WorkerEntrypoint
    workers.Response = Response
    workers.Request = Request
    workers.Headers = Headers
    workers.handler = handler
    sys.modules['workers'] = workers

    # ---- env: variables and bindings ----
    class KV:
        """A table as a KV namespace, items as the JavaScript binding writes them (value, encoding, metadata,
        expiration)."""

        def __init__(self, table):
            self._table = table
            self._key = None

        def _call(self, operation, args):
            reply = sdk_send('table', operation, dict(args, table=self._table))
            if 'error' in reply:
                raise RuntimeError('KV %s failed: %s' % (operation.upper(), reply['error']['message']))
            return reply['result']

        def _keyed(self, key):
            if self._key is None:
                self._key = self._call('describe', {})['partitionKey']
            return {self._key: str(key)}

        async def get(self, key, type='text'):
            item = self._call('get', {'key': self._keyed(key)})['item']
            if item is None or ('expiration' in item and item['expiration'] * 1000 <= core.host_now()):
                return None
            data = item['value']
            if item.get('encoding') == 'base64':
                import base64
                raw = base64.b64decode(data)
                return raw if type == 'arrayBuffer' else json.loads(raw) if type == 'json' else raw.decode('utf-8')
            return json.loads(data) if type == 'json' else data.encode('utf-8') if type == 'arrayBuffer' else data

        async def put(self, key, value, expirationTtl=None, metadata=None):
            item = self._keyed(key)
            if isinstance(value, (bytes, bytearray)):
                import base64
                item.update(value=base64.b64encode(bytes(value)).decode('ascii'), encoding='base64')
            else:
                item['value'] = str(value)
            if expirationTtl is not None:
                if expirationTtl < 60:
                    raise ValueError('KV PUT failed: 400 Invalid expiration_ttl of %s. Expiration TTL must be at'
                                     ' least 60.' % expirationTtl)
                item['expiration'] = int(core.host_now() // 1000) + int(expirationTtl)
            if metadata is not None:
                item['metadata'] = metadata
            self._call('put', {'item': item})

        async def delete(self, key):
            self._call('delete', {'key': self._keyed(key)})

    class Producer:
        def __init__(self, queue):
            self._queue = queue

        async def send(self, body):
            reply = sdk_send('queue', 'send', {'queue': self._queue,
                                               'body': body if isinstance(body, str) else json.dumps(body)})
            if 'error' in reply:
                raise RuntimeError(reply['error']['message'])

    class Env:
        pass

    env = Env()
    for name, value in config['environment'].items():
        if name != 'PYTHONTZPATH':  # the runtime's, not the Worker's
            setattr(env, name, value)
    for name, target in (config.get('bindings') or {}).items():
        kind, _, resource = target.partition(':')
        if kind == 'table':
            setattr(env, name, KV(resource))
        elif kind == 'queue':
            setattr(env, name, Producer(resource))
        # buckets (R2) are JavaScript-only here

    class Context:
        def __init__(self):
            self.pending = []

        def waitUntil(self, awaitable):
            self.pending.append(awaitable)

        def passThroughOnException(self):
            pass

    # ---- finding the handler ----
    def resolve(module):
        entry = getattr(module, config['exportName'], None)
        if isinstance(entry, type) and issubclass(entry, WorkerEntrypoint):
            found['entrypoint'] = entry
            return None
        for kind in ('fetch', 'scheduled', 'queue'):
            if callable(getattr(module, 'on_' + kind, None)):
                found[kind] = getattr(module, 'on_' + kind)
        if found:
            return None
        return {'errorMessage': "%s defines no class %s(WorkerEntrypoint) and no on_fetch, on_scheduled or on_queue"
                                % (config['fileName'], config['exportName']),
                'hint': 'Write: from workers import WorkerEntrypoint, Response; class Default(WorkerEntrypoint):'
                        ' async def fetch(self, request): return Response("Hello World!")'}

    core.resolve = resolve

    def call(kind, argument, ctx):
        """Calls the handler of this kind with the event's object (and env, ctx when it takes them)."""
        entry = found.get('entrypoint')
        if entry is not None:
            method = getattr(entry(ctx, env), kind, None)
            function = method.__func__ if method is not None else None
            extra = 1  # self
        else:
            method = function = found.get(kind)
            extra = 0
        if method is None:
            raise LookupError('this Worker has no %s handler, and a %s calls it' % (
                kind, {'fetch': 'request', 'scheduled': 'schedule', 'queue': 'queue'}[kind]))
        takes = function.__code__.co_argcount - extra
        result = drive(method(*(argument, env, ctx)[:max(1, takes)]))
        for awaitable in ctx.pending:  # waitUntil's work, done before the answer (Cloudflare answers first)
            drive(awaitable)
        return result

    class Controller:
        def __init__(self, event):
            self.cron = event['schedule']
            self.scheduledTime = event['time']
            self.type = 'scheduled'

    class Message:
        def __init__(self, raw, decisions):
            try:
                self.body = json.loads(raw['body'])
            except ValueError:
                self.body = raw['body']
            self.id = raw['id']
            self.timestamp = raw['timestamp']
            self.attempts = raw['attempts']
            self._decisions = decisions

        def ack(self):
            self._decisions.setdefault(self.id, 'ack')

        def retry(self):
            self._decisions.setdefault(self.id, 'retry')

    class Batch:
        def __init__(self, event, decisions):
            self.queue = event['queue']
            self.messages = [Message(m, decisions) for m in event['messages']]

        def ackAll(self):
            for m in self.messages:
                m.ack()

        def retryAll(self):
            for m in self.messages:
                m.retry()

    def answer(event):
        kind = event['kind']
        ctx = Context()
        if kind == 'http' or kind == 'json':
            if kind == 'json':
                event = {'method': 'POST', 'path': '/', 'query': '', 'headers': [['content-type', 'application/json']],
                         'body': __import__('base64').b64encode(json.dumps(event['json']).encode()).decode()}
            response = call('fetch', Request(event), ctx)
            if not isinstance(response, Response):
                raise TypeError("A Worker's fetch handler must return a Response (from workers import Response),"
                                " not %s" % type(response).__name__)
            return provider_envelope(response.status, response.headers.items(), response.body)
        if kind == 'schedule':
            call('scheduled', Controller(event), ctx)
            return 'null'
        if kind == 'queue':
            decisions = {}
            batch = Batch(event, decisions)
            try:
                call('queue', batch, ctx)
            except BaseException:
                for m in batch.messages:
                    m.retry()  # the unacknowledged ones; an ack given before stays
                if all(d == 'retry' for d in decisions.values()):
                    raise
            return json.dumps({'batchItemFailures': [{'itemIdentifier': m.id} for m in batch.messages
                                                     if decisions.get(m.id) == 'retry']})
        raise LookupError('a Worker is not called for %s events here' % kind)

    def invoke(text, request_id, deadline_ms, attempt):
        capture_logging()
        try:
            return 'R' + answer(json.loads(text))
        except SystemExit as e:
            return 'E' + error('FUNCTION', 'Runtime.ExitError', exited(e, 'in the handler'), e)
        except BaseException as e:
            return 'E' + error('FUNCTION', type(e).__name__, str(e), e)

    return invoke
