# Cloud Run functions' handler contract for Python (functions-framework-python): the module decorates its handler,
# @functions_framework.http def f(request) with a Flask-like request (its answer a string, a dict or a list, or a
# tuple (body, status, headers)), or @functions_framework.cloud_event def f(cloud_event) with a CloudEvent
# (cloudevents.http.CloudEvent). The entry point (the handler's function part, Google's --entry-point) names it.
# Queues, buckets and schedules deliver the CloudEvents Eventarc delivers (see _events below; gcp.js makes the same).


def faaslab_style(core):
    import json
    import sys

    config = core.config
    state = core.state
    error = core.error
    capture_logging = core.capture_logging
    registry = {}  # the decorated functions' names -> 'http' or 'cloudevent', as the framework's REGISTRY_MAP
    default_entry = 'function'  # the handler's function part when none was given (main.function)

    # ---- the modules a handler imports: functions_framework, cloudevents.http (built on first import) ----
    def _framework(namespace):
        def http(func):
            """Registers an HTTP function: it takes the request and answers what Flask can turn into a response."""
            registry[func.__name__] = 'http'
            return func

        def cloud_event(func):
            """Registers a CloudEvent function: it takes the event; raising fails the delivery."""
            registry[func.__name__] = 'cloudevent'
            return func

        namespace.update(http=http, cloud_event=cloud_event, __all__=['http', 'cloud_event'])

    def _cloudevents_http(namespace):
        namespace.update(CloudEvent=CloudEvent, from_http=from_http, __all__=['CloudEvent', 'from_http'])

    builders = {'functions_framework': _framework, 'cloudevents': lambda namespace: None,
                'cloudevents.http': _cloudevents_http}

    def _find(name, path=None, target=None):
        if name not in builders:
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(name, finder, origin='faaslab', is_package=name == 'cloudevents')

    finder = type(sys)('gcp_functions_finder')
    finder.find_spec = _find
    finder.create_module = lambda spec: None
    finder.exec_module = lambda module: builders[module.__name__](module.__dict__)
    sys.meta_path.append(finder)

    class CloudEvent:
        """A CloudEvent 1.0, as the cloudevents package gives one: attributes by key, the payload in data."""
        __module__ = 'cloudevents.http'

        def __init__(self, attributes, data=None):
            self._attributes = dict(attributes)
            self._attributes.setdefault('specversion', '1.0')
            if 'id' not in self._attributes:
                import uuid
                self._attributes['id'] = str(uuid.uuid4())
            self.data = data

        def __getitem__(self, key):
            return self._attributes[key]

        def __setitem__(self, key, value):
            self._attributes[key] = value

        def __contains__(self, key):
            return key in self._attributes

        def __iter__(self):
            return iter(self._attributes)

        def __len__(self):
            return len(self._attributes)

        def get(self, key, default=None):
            return self._attributes.get(key, default)

        def get_attributes(self):
            return dict(self._attributes)

        def get_data(self):
            return self.data

        def __eq__(self, other):
            return isinstance(other, CloudEvent) and other._attributes == self._attributes and other.data == self.data

        def __repr__(self):
            return 'CloudEvent(%r, %r)' % (self._attributes, self.data)

    def from_http(headers, data):
        """A CloudEvent from an HTTP request: binary mode (ce-* headers) or structured mode (the event as JSON)."""
        lower = {str(k).lower(): v for k, v in (headers.items() if hasattr(headers, 'items') else headers)}
        raw = data.encode('utf-8') if isinstance(data, str) else bytes(data or b'')
        if all(('ce-' + k) in lower for k in ('specversion', 'type', 'source', 'id')):
            attributes = {k[3:]: v for k, v in lower.items() if k.startswith('ce-')}
            if 'content-type' in lower:
                attributes['datacontenttype'] = lower['content-type']
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw
            return CloudEvent(attributes, payload)
        try:
            structured = json.loads(raw)
        except ValueError:
            structured = None
        if not _is_cloud_event(structured):
            raise HttpError(400, 'Bad Request', 'Function was defined with FUNCTION_SIGNATURE_TYPE=cloudevent but the'
                            ' request is not a CloudEvent: it needs ce-specversion, ce-type, ce-source and ce-id headers,'
                            ' or a JSON body with specversion, type, source and id.')
        attributes = {k: v for k, v in structured.items() if k not in ('data', 'data_base64')}
        if 'data_base64' in structured:
            import base64
            return CloudEvent(attributes, base64.b64decode(structured['data_base64']))
        return CloudEvent(attributes, structured.get('data'))

    def _is_cloud_event(value):
        return isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ('specversion', 'type', 'source', 'id'))

    # ---- the handler ----
    def resolve(module):
        entry = config['exportName']
        wanted = [config['functionName'], default_entry] if entry == default_entry else [entry]
        for name in wanted:
            handler = getattr(module, name, None)
            if callable(handler):
                state['handler'] = handler
                # An undecorated function is an HTTP function, the framework's default signature type.
                state['signature'] = registry.get(name, 'http')
                return None
        defined = [n for n, v in vars(module).items() if callable(v) and getattr(v, '__module__', None) == module.__name__
                   and not n.startswith('_') and not isinstance(v, type)]
        asked = ("this function's name, '%s' (gcloud's default entry point)" % config['functionName']
                 if entry == default_entry else "'%s'" % entry)
        found = ', '.join("'%s'%s" % (n, ' (%s)' % registry[n] if n in registry else '') for n in defined)
        choice = next((n for n in defined if n in registry), defined[0] if defined else None)
        return {'errorMessage': 'File %s is expected to contain a function named %s. Found: %s instead' % (
                    config['fileName'], asked, found or 'nothing'),
                'hint': ('Set the handler to %s.%s (the entry point, as gcloud --entry-point %s), or name the function %s.'
                         % (config['module'], choice, choice, asked)) if choice else
                        'Define the handler: @functions_framework.http above def %s(request): return "OK"' % wanted[0]}

    core.resolve = resolve

    # ---- Flask's request, the part a function reads ----
    class HttpError(Exception):
        """An answer Werkzeug gives for a request it refuses (400, 405, 415)."""

        def __init__(self, code, name, description):
            super().__init__('%d %s: %s' % (code, name, description))
            self.code = code
            self.name = name
            self.description = description

        def envelope(self):
            page = ('<!doctype html>\n<html lang=en>\n<title>%d %s</title>\n<h1>%s</h1>\n<p>%s</p>\n'
                    % (self.code, self.name, self.name, self.description))
            return provider_envelope(self.code, [('Content-Type', 'text/html; charset=utf-8')], page)

    def _unquote(text):
        from urllib.parse import unquote_plus
        return unquote_plus(text)

    class MultiDict(dict):
        """Werkzeug's MultiDict: a key's first value by [] and get(), all of them by getlist()."""

        def __init__(self, pairs=()):
            super().__init__()
            self._lists = {}
            for key, value in pairs:
                self._lists.setdefault(key, []).append(value)
                dict.setdefault(self, key, value)

        def get(self, key, default=None, type=None):
            if key not in self:
                return default
            value = self[key]
            if type is None:
                return value
            try:
                return type(value)
            except (ValueError, TypeError):
                return default

        def getlist(self, key, type=None):
            values = self._lists.get(key, [])
            return [type(v) for v in values] if type else list(values)

        def to_dict(self, flat=True):
            return dict(self) if flat else {k: list(v) for k, v in self._lists.items()}

    def _pairs(text):
        pairs = []
        for part in text.split('&') if text else ():
            if part:
                key, _, value = part.partition('=')
                pairs.append((_unquote(key), _unquote(value)))
        return pairs

    class Headers:
        """Werkzeug's Headers: looked up in any case; iterating gives (name, value) pairs."""

        def __init__(self, pairs):
            self._pairs = [(str(n), str(v)) for n, v in pairs]

        def get(self, key, default=None, type=None):
            lower = key.lower()
            for name, value in self._pairs:
                if name.lower() == lower:
                    return type(value) if type else value
            return default

        def getlist(self, key):
            return [v for n, v in self._pairs if n.lower() == key.lower()]

        def __getitem__(self, key):
            value = self.get(key)
            if value is None:
                raise KeyError(key)
            return value

        def __contains__(self, key):
            return self.get(key) is not None

        def __iter__(self):
            return iter(self._pairs)

        def __len__(self):
            return len(self._pairs)

        def items(self):
            return list(self._pairs)

        def keys(self):
            return [n for n, _ in self._pairs]

        def __repr__(self):
            return ''.join('%s: %s\r\n' % pair for pair in self._pairs)

    class Request:
        """The request an HTTP function gets, as Flask's request has it (flask.Request)."""

        def __init__(self, e):
            self.method = e['method']
            self.path = e.get('path') or '/'
            query = e.get('query') or ''
            self.query_string = query.encode('utf-8')
            self.args = MultiDict(_pairs(query))
            self.headers = Headers(e['headers'])
            self.data = provider_body(e)
            self.remote_addr = e.get('ip')
            self.host = self.headers.get('host', e.get('host') or 'localhost')
            self.full_path = self.path + '?' + query
            self.base_url = 'https://' + self.host + self.path
            self.url = self.base_url + ('?' + query if query else '')
            self.content_type = self.headers.get('content-type')
            self.mimetype = (self.content_type or '').split(';')[0].strip().lower()
            self.content_length = len(self.data) if self.data or 'content-length' in self.headers else None
            self.execution_id = e.get('id')
            self._form = None

        @property
        def is_json(self):
            return self.mimetype == 'application/json' or (
                self.mimetype.startswith('application/') and self.mimetype.endswith('+json'))

        def get_data(self, cache=True, as_text=False, parse_form_data=False):
            return self.data.decode('utf-8', 'replace') if as_text else self.data

        def get_json(self, force=False, silent=False, cache=True):
            if not (force or self.is_json):
                if silent:
                    return None
                raise HttpError(415, 'Unsupported Media Type', "Did not attempt to load JSON data because the request"
                                " Content-Type was not 'application/json'.")
            try:
                return json.loads(self.data)
            except ValueError as e:
                if silent:
                    return None
                raise HttpError(400, 'Bad Request', 'Failed to decode JSON object: %s' % e)

        @property
        def json(self):
            return self.get_json()

        @property
        def form(self):
            if self._form is None:
                urlencoded = self.mimetype == 'application/x-www-form-urlencoded'
                self._form = MultiDict(_pairs(self.data.decode('utf-8', 'replace')) if urlencoded else ())
            return self._form

        @property
        def values(self):
            return MultiDict(list(self.args.items()) + list(self.form.items()))

        @property
        def cookies(self):
            jar = {}
            for part in (self.headers.get('cookie') or '').split(';'):
                name, _, value = part.strip().partition('=')
                if name:
                    jar.setdefault(name, value)
            return jar

    # ---- what Flask makes of a view's answer (Flask.make_response) ----
    def reply_of(answer, method):
        status, headers = 200, []
        if isinstance(answer, tuple):
            if len(answer) == 3:
                answer, status, headers = answer
            elif len(answer) == 2:
                answer, second = answer
                if isinstance(second, (dict, list, tuple)) or hasattr(second, 'items'):
                    headers = second
                else:
                    status = second
            else:
                raise TypeError('The view function did not return a valid response tuple. The tuple must have the'
                                ' form (body, status, headers), (body, status), or (body, headers).')
        if answer is None:
            raise TypeError("The view function for 'run' did not return a valid response. The function either"
                            ' returned None or ended without a return statement.')
        if isinstance(answer, (dict, list)):
            # Flask's JSON provider: keys sorted, compact, a newline at the end.
            body, kind = json.dumps(answer, sort_keys=True, separators=(',', ':')) + '\n', 'application/json'
        elif isinstance(answer, (str, bytes, bytearray)):
            body, kind = answer, 'text/html; charset=utf-8'
        else:
            raise TypeError('The view function did not return a valid response. The return type must be a string,'
                            ' dict, list, tuple with headers or status, Response instance, or WSGI callable, but it'
                            ' was a %s.' % type(answer).__name__)
        code = int(str(status).split()[0]) if status is not None else 200
        pairs = [('Content-Type', kind)]
        for name, value in (headers.items() if hasattr(headers, 'items') else headers or ()):
            if name.lower() == 'content-type':
                pairs[0] = (name, value)
            else:
                pairs.append((name, value))
        if code in (204, 304) or method == 'HEAD':
            body = None
        return {'status': code, 'headers': pairs, 'body': body}

    def serve_http(e):
        try:
            return reply_of(state['handler'](Request(e)), e['method'])
        except HttpError as refused:
            return {'status': refused.code, 'envelope': refused.envelope()}

    def envelope_of(reply):
        return reply.get('envelope') or provider_envelope(reply['status'], reply['headers'], reply['body'])

    # ---- invocations ----
    def on_http(e, request_id):
        if state['signature'] == 'http':
            if e.get('path') in ('/favicon.ico', '/robots.txt'):
                return provider_envelope(404, [('Content-Type', 'text/html; charset=utf-8')], 'Not Found')
            return envelope_of(serve_http(e))
        if e['method'] != 'POST':
            return HttpError(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.').envelope()
        try:
            event = from_http(e['headers'], provider_body(e))
        except HttpError as refused:
            return refused.envelope()
        state['handler'](event)
        return provider_envelope(200, [('Content-Type', 'text/html; charset=utf-8')], 'OK')

    def deliver(event):
        """One event, as Eventarc delivers it: a CloudEvent, or to an HTTP function a binary-mode POST."""
        if state['signature'] == 'cloudevent':
            state['handler'](CloudEvent(event['attributes'], event['data']))
            return
        reply = serve_http(_events.binary_request(event))
        if not 200 <= reply['status'] <= 299:
            raise RuntimeError('the function answered HTTP %d to the %s event %s: an event is acknowledged by a 2xx'
                               ' answer only, so it will be delivered again' % (
                                   reply['status'], event['attributes']['type'], event['attributes']['id']))

    def on_json(e, request_id):
        payload = e.get('json')
        if state['signature'] == 'http':
            # The Invoke API's own JSON reaches an HTTP function as a POST of that JSON.
            import base64
            body = base64.b64encode(json.dumps(payload).encode('utf-8')).decode('ascii')
            return envelope_of(serve_http({'method': 'POST', 'path': '/', 'query': '', 'host': 'localhost',
                                           'ip': '127.0.0.1', 'id': request_id, 'body': body,
                                           'headers': [['content-type', 'application/json']]}))
        if not _is_cloud_event(payload):
            raise ValueError('a CloudEvent function takes CloudEvents, and this JSON is not one: it needs specversion,'
                             ' type, source and id (and data)')
        state['handler'](CloudEvent({k: v for k, v in payload.items() if k != 'data'}, payload.get('data')))
        return 'null'

    def on_queue(e, request_id):
        # Pub/Sub pushes one message per request: each message is its own delivery, and a failed one alone comes back.
        failed, first = [], None
        for m in e['messages']:
            try:
                deliver(_events.pubsub(e['queue'], m))
            except Exception as problem:
                import traceback
                sys.stderr.write(''.join(traceback.format_exception(type(problem), problem, problem.__traceback__)))
                failed.append({'itemIdentifier': m['id']})
                first = first or problem
        if first is not None and len(failed) == len(e['messages']):
            raise first
        return json.dumps({'batchItemFailures': failed})

    def on_bucket(e, request_id):
        records = e['records']
        for i, record in enumerate(records):
            deliver(_events.storage(record, request_id if len(records) == 1 else '%s-%d' % (request_id, i)))
        return 'null'

    def on_schedule(e, request_id):
        deliver(_events.scheduled(e, request_id))
        return 'null'

    handlers = {'http': on_http, 'json': on_json, 'queue': on_queue, 'bucket': on_bucket, 'schedule': on_schedule}
    _events = _gcp_events(core)

    def invoke(text, request_id, deadline_ms, attempt):
        capture_logging()
        e = json.loads(text)
        on = handlers.get(e['kind'])
        try:
            if on is None:
                raise ValueError('a Cloud Run function is not called for %s events' % e['kind'])
            return 'R' + on(e, request_id)
        except SystemExit as e:
            return 'E' + error('FUNCTION', 'Runtime.ExitError', core.exited(e, 'in the handler'), e)
        except BaseException as e:
            return 'E' + error('FUNCTION', type(e).__name__, str(e), e)

    return invoke


def _gcp_events(core):
    """The CloudEvents Eventarc delivers for the platform's events (as gcp.js makes them): a queue plays a Pub/Sub
    topic, a bucket a Cloud Storage bucket, a schedule a Cloud Scheduler job publishing its name to a topic named
    after it. Each is {'attributes': …, 'data': …}."""
    import base64
    import json
    from datetime import datetime, timezone

    project = 'faaslab'

    def iso(ms):
        return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (ms % 1000)

    def published(topic, event_id, time_ms, body):
        time = iso(time_ms)
        data = base64.b64encode(body.encode('utf-8')).decode('ascii')
        return {'attributes': {'specversion': '1.0', 'id': event_id,
                               'source': '//pubsub.googleapis.com/projects/%s/topics/%s' % (project, topic),
                               'type': 'google.cloud.pubsub.topic.v1.messagePublished',
                               'datacontenttype': 'application/json', 'time': time},
                'data': {'message': {'data': data, 'messageId': event_id, 'message_id': event_id,
                                     'publishTime': time, 'publish_time': time},
                         'subscription': 'projects/%s/subscriptions/%s' % (project, topic)}}

    def storage(record, event_id):
        from urllib.parse import quote
        created = record['event'].startswith('ObjectCreated')
        when = datetime.fromisoformat(record['time'].replace('Z', '+00:00'))
        generation = str(int(when.timestamp() * 1000) * 1000)
        bucket, key = record['bucket'], record['key']
        data = {'kind': 'storage#object', 'id': '%s/%s/%s' % (bucket, key, generation),
                'selfLink': 'https://www.googleapis.com/storage/v1/b/%s/o/%s' % (bucket, quote(key, safe='')),
                'name': key, 'bucket': bucket, 'generation': generation, 'metageneration': '1'}
        if created:
            # The notification does not carry the content type: the object's own metadata does (gone if deleted since).
            head = core.sdk_send('bucket', 'head', {'bucket': bucket, 'key': key}).get('result') or {}
            if head.get('contentType'):
                data['contentType'] = head['contentType']
            etag = record.get('etag', '').strip('"')
            data.update(timeCreated=record['time'], updated=record['time'], storageClass='STANDARD',
                        timeStorageClassUpdated=record['time'], size=str(record['size']))
            if len(etag) == 32:
                data['md5Hash'] = base64.b64encode(bytes.fromhex(etag)).decode('ascii')
            data.update(mediaLink='https://storage.googleapis.com/download/storage/v1/b/%s/o/%s?generation=%s&alt=media'
                        % (bucket, quote(key, safe=''), generation), etag=etag)
        return {'attributes': {'specversion': '1.0', 'id': event_id,
                               'source': '//storage.googleapis.com/projects/_/buckets/' + bucket,
                               'subject': 'objects/' + key,
                               'type': 'google.cloud.storage.object.v1.' + ('finalized' if created else 'deleted'),
                               'time': record['time'], 'datacontenttype': 'application/json'},
                'data': data}

    def binary_request(event):
        attributes = event['attributes']
        headers = [['content-type', attributes.get('datacontenttype', 'application/json')]]
        headers += [['ce-' + k, str(v)] for k, v in attributes.items() if k != 'datacontenttype']
        body = base64.b64encode(json.dumps(event['data']).encode('utf-8')).decode('ascii')
        return {'method': 'POST', 'path': '/', 'query': '', 'host': 'localhost', 'ip': '127.0.0.1',
                'id': attributes['id'], 'headers': headers, 'body': body}

    namespace = type(core)('gcp_events')
    namespace.pubsub = lambda queue, m: published(queue, m['id'], m['timestamp'], m['body'])
    namespace.scheduled = lambda e, event_id: published(e['schedule'], event_id, e['time'], e['schedule'])
    namespace.storage = storage
    namespace.binary_request = binary_request
    return namespace
