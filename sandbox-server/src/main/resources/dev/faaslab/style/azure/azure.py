# Azure Functions' handler contract for Python, the v2 programming model: function_app.py makes
# `app = func.FunctionApp()` and decorates its functions: @app.route(route=…, methods=[…]) answers requests to
# /api/{route} (the function's name by default) with func.HttpRequest -> func.HttpResponse; @app.timer_trigger,
# @app.queue_trigger and @app.blob_trigger give func.TimerRequest, func.QueueMessage and func.InputStream to the
# one function the handler names (@app.function_name renames one). `import azure.functions as func` is served from
# here by a finder on sys.meta_path, built on first import. As Azure's host writes them, every execution is logged
# between "Executing 'Functions.name' (Reason=…, Id=…)" and "Executed 'Functions.name' (Succeeded|Failed, …)".


def faaslab_style(core):
    import json
    import sys
    config = core.config
    state = core.state
    error = core.error
    host_now = core.host_now
    capture_logging = core.capture_logging
    record_info = sys.stdout.write  # the log's own streams, whatever the function later does to sys.stdout
    record_error = sys.stderr.write
    lib = {}  # the azure.functions module's namespace, once imported
    CALLED = 'This function was programmatically called via the host APIs.'
    KINDS = {'http': '@app.route', 'timer': '@app.timer_trigger', 'queue': '@app.queue_trigger', 'blob': '@app.blob_trigger'}

    # ---- import azure.functions ----
    def find_spec(name, path=None, target=None):
        if name != 'azure' and name != 'azure.functions':
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(name, finder, origin='azure', is_package=name == 'azure')

    def exec_module(module):
        if module.__name__ == 'azure.functions':
            _azure_functions(module.__dict__)
            lib.update(module.__dict__)

    finder = type(sys)('azure_finder')
    finder.find_spec = find_spec
    finder.create_module = lambda spec: None
    finder.exec_module = exec_module
    sys.meta_path.insert(0, finder)  # before the path: a package's own copy of azure-functions is not the one run here

    # ---- finding the Function App's functions ----
    app = {}  # 'functions': every registered one; 'own': the handler's; 'routes': the HTTP ones, most literal first

    def resolve(module):
        apps = [v for v in vars(module).values() if 'FunctionApp' in lib and isinstance(v, lib['FunctionApp'])]
        functions = [f for a in apps for f in a._functions]
        wanted = config['exportName'].lower()
        own = [f for f in functions if f['name'].lower() == wanted]
        if own:
            app['own'] = own[0]
            app['routes'] = sorted((_compile_route(f) for f in functions if f['type'] == 'http'), key=lambda r: r[0])
            return None
        file_name = config['fileName']
        if not apps:
            return {'errorMessage': "%s makes no func.FunctionApp(): in Azure Functions' Python v2 model, function_app.py "
                                    "makes `app = func.FunctionApp()` and decorates its functions" % file_name,
                    'hint': "import azure.functions as func; app = func.FunctionApp(); then @app.route(route='%s') "
                            "above def %s(req: func.HttpRequest) -> func.HttpResponse: ..." % (
                                config['exportName'], config['exportName'])}
        if not functions:
            return {'errorMessage': '%s registers no function on its FunctionApp' % file_name,
                    'hint': 'Decorate a function with @app.route(…), @app.timer_trigger(…), @app.queue_trigger(…) or '
                            '@app.blob_trigger(…).'}
        names = ', '.join('%s (%s)' % (f['name'], KINDS[f['type']]) for f in functions)
        return {'errorMessage': "%s.%s: no function named '%s' is registered in %s; it registers %s" % (
            config['module'], config['exportName'], config['exportName'], file_name, names),
                'hint': 'Set the handler to %s.%s: the handler names the function that timer, queue and bucket events '
                        'call (HTTP requests find theirs by route, among all of them).' % (
                            config['module'], functions[0]['name'])}

    core.resolve = resolve

    def _compile_route(f):
        import re
        names = []
        pattern = ''
        rank = 0
        for segment in [s for s in _route_of(f).split('/') if s]:
            whole = re.match(r'^\{(\*{0,2})([A-Za-z_]\w*)(?::(\w+)(?:\([^)]*\))?)?(\?)?\}$', segment)
            if whole and (whole.group(1) or whole.group(4)):
                names.append(whole.group(2))
                pattern += '(?:/(.*))?' if whole.group(1) else '(?:/(%s))?' % _piece(whole.group(3))
                rank += 100 if whole.group(1) else 10
                continue
            parts = []
            for m in re.finditer(r'\{([A-Za-z_]\w*)(?::(\w+)(?:\([^)]*\))?)?\}|([^{]+)', segment):
                if m.group(3) is not None:
                    parts.append(re.escape(m.group(3)))
                else:
                    names.append(m.group(1))
                    rank += 1
                    parts.append('(%s)' % _piece(m.group(2)))
            pattern += '/' + ''.join(parts)
        return rank, re.compile('^/api' + pattern + '/?$', re.IGNORECASE), names, f

    def _route_of(f):
        return str(f['name'] if f.get('route') is None else f['route'])

    def _piece(constraint):
        return {'int': r'-?\d+', 'long': r'-?\d+', 'alpha': '[A-Za-z]+', 'bool': 'true|false'}.get(constraint, '[^/]+?')

    def _route(e):
        from urllib.parse import unquote
        method = e['method'].upper()
        for rank, pattern, names, f in app['routes']:
            m = pattern.match(e['path'])
            if m is None or (f['methods'] is not None and method not in f['methods']):
                continue
            return f, {n: unquote(v) for n, v in zip(names, m.groups()) if v is not None}
        return None

    # ---- one execution of a function, in Azure's log words ----
    def execute(f, reason, request_id, value):
        started = host_now()
        record_info("Executing 'Functions.%s' (Reason='%s', Id=%s)\n" % (f['name'], reason, request_id))
        kwargs = {f['arg']: value}
        code = getattr(f['fn'], '__code__', None)
        if code is not None and 'context' in code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]:
            kwargs['context'] = lib['Context'](request_id, f['name'])
        try:
            result = f['fn'](**kwargs)
            if hasattr(result, '__await__'):
                result = _run(result)
        except BaseException:
            record_error("Executed 'Functions.%s' (Failed, Id=%s, Duration=%dms)\n" % (
                f['name'], request_id, host_now() - started))
            raise
        record_info("Executed 'Functions.%s' (Succeeded, Id=%s, Duration=%dms)\n" % (
            f['name'], request_id, host_now() - started))
        return result

    def _run(coroutine):
        import asyncio
        return asyncio.run(coroutine)

    def own_for(kind, what):
        own = app['own']
        if own['type'] != kind:
            raise LookupError("%s.%s names %s function '%s', and %s calls the handler's function: set the handler to a "
                              "function decorated with %s" % (config['module'], config['exportName'], KINDS[own['type']],
                                                               own['name'], what, KINDS[kind]))
        return own

    # ---- the triggers ----
    def on_http(e, request_id):
        found = _route(e)
        if found is None:
            return provider_envelope(404, [], None)  # Azure's host: no route, or not this method (an empty 404)
        f, params = found
        query = {}
        if e.get('query'):
            from urllib.parse import parse_qsl
            query = dict(parse_qsl(e['query'], keep_blank_values=True))
        url = 'http://%s/fn/%s%s%s' % (e.get('host') or 'localhost', config['functionName'], e['path'],
                                       '?' + e['query'] if e.get('query') else '')
        headers = {}
        for name, value in e['headers']:
            key = name.lower()
            headers[key] = headers[key] + ', ' + value if key in headers else value
        request = lib['HttpRequest'](e['method'], url, headers=headers, params=query, route_params=params,
                                     body=provider_body(e))
        return reply_of(execute(f, CALLED, request_id, request))

    def reply_of(answer):
        if answer is None:
            return provider_envelope(204, [], None)
        if isinstance(answer, (str, bytes, bytearray)):
            answer = lib['HttpResponse'](answer)
        if not isinstance(answer, lib['HttpResponse']):
            raise TypeError('an HTTP function returns func.HttpResponse(body, status_code=…, headers=…) or a str, not %s'
                            % type(answer).__name__)
        headers = [[k, v] for k, v in answer.headers.items()]
        if not any(k.lower() == 'content-type' for k, v in headers):
            headers.append(['Content-Type', '%s; charset=%s' % (answer.mimetype, answer.charset)])
        return provider_envelope(answer.status_code, headers, answer.get_body())

    def on_schedule(e, request_id):
        import datetime
        f = own_for('timer', 'a schedule')
        now = host_now()
        stamp = datetime.datetime.fromtimestamp(now / 1000, datetime.timezone.utc).isoformat()
        last = datetime.datetime.fromtimestamp(e['time'] / 1000, datetime.timezone.utc).isoformat()
        timer = lib['TimerRequest'](past_due=now - e['time'] > 60000,
                                    schedule_status={'Last': last, 'Next': None, 'LastUpdated': stamp})
        execute(f, 'Timer fired at ' + last, request_id, timer)
        return None

    def on_queue(e, request_id):
        f = own_for('queue', 'a queue message')
        failures = []
        for m in e['messages']:
            message = lib['QueueMessage'](id=m['id'], body=m['body'].encode('utf-8'), dequeue_count=m['attempts'],
                                          insertion_time=m['timestamp'])
            try:
                execute(f, "New queue message detected on '%s'." % e['queue'], request_id, message)
            except Exception as exc:
                failures.append({'itemIdentifier': m['id']})
                record_error('Exception while executing function: Functions.%s. Result: Failure\nException: %s: %s\n' % (
                    f['name'], type(exc).__name__, exc))
        return {'batchItemFailures': failures}

    def on_bucket(e, request_id):
        import re
        f = own_for('blob', 'a bucket notification')
        path = str(f['path'] or '')
        container, _, name_pattern = path.partition('/')
        pattern = re.compile('^' + re.sub(r'\\\{\w+\\\}', '(.+?)', re.escape(name_pattern or '{name}')) + '$')
        for r in e['records']:
            if r['bucket'] != container or not r['event'].startswith('ObjectCreated') or not pattern.match(r['key']):
                continue  # Azure's blob trigger sees new and changed blobs of its path only
            reply = core.sdk_send('bucket', 'get', {'bucket': r['bucket'], 'key': r['key'], 'encoding': 'base64'})
            if 'error' in reply:
                raise LookupError('%s/%s: %s' % (r['bucket'], r['key'], reply['error']['message']))
            import base64
            data = base64.b64decode(reply['result']['body'])
            blob = lib['InputStream'](data=data, name=r['bucket'] + '/' + r['key'],
                                      uri='faaslab://%s/%s' % (r['bucket'], r['key']),
                                      blob_properties={'ContentType': reply['result'].get('contentType'),
                                                       'Length': len(data), 'ETag': r.get('etag')})
            execute(f, 'New blob detected(LogsAndContainerScan): %s/%s' % (r['bucket'], r['key']), request_id, blob)
        return None

    def on_json(e, request_id):
        # The Invoke API's own JSON: an HTTP function gets it POSTed to its route; another gets it as its input.
        own = app['own']
        if own['type'] != 'http':
            return execute(own, CALLED, request_id, e['json'])
        url = 'http://localhost/fn/%s/api/%s' % (config['functionName'], _route_of(own))
        request = lib['HttpRequest']('POST', url, headers={'content-type': 'application/json'},
                                     body=json.dumps(e['json']).encode('utf-8'))
        return reply_of(execute(own, CALLED, request_id, request))

    ON = {'http': on_http, 'schedule': on_schedule, 'queue': on_queue, 'bucket': on_bucket, 'json': on_json}

    def invoke(text, request_id, deadline_ms, attempt):
        capture_logging()
        logging = sys.modules.get('logging')
        if logging is not None and not state.get('azure_levels'):
            # Azure's Python worker passes logging.info on to the log; Python's own default level is WARNING.
            state['azure_levels'] = True
            if logging.getLogger().level == logging.WARNING:
                logging.getLogger().setLevel(logging.INFO)
        e = json.loads(text)
        try:
            result = ON[e['kind']](e, request_id)
        except SystemExit as exc:
            return 'E' + error('FUNCTION', 'Runtime.ExitError', core.exited(exc, 'in the function'), exc)
        except BaseException as exc:
            return 'E' + error('FUNCTION', type(exc).__name__, str(exc), exc)
        return 'R' + (result if isinstance(result, str) else json.dumps(result))

    return invoke


def _azure_functions(namespace):
    """The azure.functions module's classes, as far as FaaS Lab runs them (built on first import)."""
    import json

    class AuthLevel:
        ANONYMOUS = 'anonymous'
        FUNCTION = 'function'
        ADMIN = 'admin'

    class HttpMethod:
        GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS = 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'

    class _Headers(dict):
        """Header names in any case, as Azure's request headers."""

        def __getitem__(self, key):
            return dict.__getitem__(self, key.lower())

        def get(self, key, default=None):
            return dict.get(self, key.lower(), default)

        def __contains__(self, key):
            return dict.__contains__(self, key.lower())

    class HttpRequest:
        def __init__(self, method, url, *, headers=None, params=None, route_params=None, body=b''):
            self.method = method.upper()
            self.url = url
            self.headers = _Headers((k.lower(), v) for k, v in (headers or {}).items())
            self.params = dict(params or {})
            self.route_params = dict(route_params or {})
            self._body = body

        def get_body(self):
            return self._body

        def get_json(self):
            return json.loads(self._body.decode('utf-8'))

        @property
        def form(self):
            from urllib.parse import parse_qsl
            return dict(parse_qsl(self._body.decode('utf-8'), keep_blank_values=True))

    class HttpResponse:
        def __init__(self, body=None, *, status_code=None, headers=None, mimetype=None, charset=None):
            self.status_code = int(status_code) if status_code is not None else 200
            self.mimetype = mimetype or 'text/plain'
            self.charset = charset or 'utf-8'
            self.headers = dict(headers or {})
            if body is None:
                body = b''
            elif isinstance(body, str):
                body = body.encode(self.charset)
            elif not isinstance(body, (bytes, bytearray)):
                raise TypeError('response is expected to be either of str, bytes, or bytearray, got %s' % type(body).__name__)
            self._body = bytes(body)

        def get_body(self):
            return self._body

    class TimerRequest:
        def __init__(self, *, past_due=False, schedule_status=None, schedule=None):
            self.past_due = past_due
            self.schedule_status = schedule_status
            self.schedule = schedule if schedule is not None else {'AdjustForDST': True}

    class QueueMessage:
        def __init__(self, *, id=None, body=b'', dequeue_count=1, insertion_time=None, pop_receipt=None):
            self.id = id
            self._body = body
            self.dequeue_count = dequeue_count
            self.pop_receipt = pop_receipt
            self.time_next_visible = None
            self._inserted = insertion_time

        def get_body(self):
            return self._body

        def get_json(self):
            return json.loads(self._body.decode('utf-8'))

        @property
        def insertion_time(self):
            import datetime
            return None if self._inserted is None else datetime.datetime.fromtimestamp(
                self._inserted / 1000, datetime.timezone.utc)

        @property
        def expiration_time(self):
            import datetime
            inserted = self.insertion_time
            return None if inserted is None else inserted + datetime.timedelta(days=7)

    class InputStream:
        def __init__(self, *, data=b'', name=None, uri=None, blob_properties=None, metadata=None):
            self._data = data
            self._at = 0
            self.name = name
            self.uri = uri
            self.length = len(data)
            self.blob_properties = blob_properties or {}
            self.metadata = metadata or {}

        def read(self, size=-1):
            end = len(self._data) if size is None or size < 0 else self._at + size
            chunk = self._data[self._at:end]
            self._at += len(chunk)
            return chunk

        def readable(self):
            return True

        def seekable(self):
            return False

    class Context:
        def __init__(self, invocation_id, function_name):
            self.invocation_id = invocation_id
            self.function_name = function_name
            self.function_directory = '/var/task'
            self.trace_context = None
            self.retry_context = None

    class _Decorators:
        """What FunctionApp and Blueprint share: the decorators that register a function."""

        def __init__(self, http_auth_level=AuthLevel.FUNCTION):
            self.auth_level = http_auth_level
            self._functions = []

        def _entry(self, fn):
            for f in self._functions:
                if f['fn'] is fn:
                    return f
            f = {'fn': fn, 'name': fn.__name__, 'type': None}
            self._functions.append(f)
            return f

        def _trigger(self, kind, arg, **options):
            def decorate(fn):
                f = self._entry(fn)
                if f['type'] is not None:
                    raise ValueError("function '%s' has two triggers (%s and %s): an Azure function has exactly one"
                                     % (f['name'], f['type'], kind))
                f.update(options, type=kind, arg=arg)
                return fn
            return decorate

        def function_name(self, name, **ignored):
            def decorate(fn):
                self._entry(fn)['name'] = name
                return fn
            return decorate

        def route(self, route=None, trigger_arg_name='req', binding_arg_name='$return', methods=None, auth_level=None,
                  **ignored):
            def decorate(fn):
                # route None: the function's name, which @app.function_name (applied after this) may still change
                self._trigger('http', trigger_arg_name, route=route, auth_level=auth_level or self.auth_level,
                              methods=None if methods is None else [str(getattr(m, 'value', m)).upper() for m in methods])(fn)
                return fn
            return decorate

        def timer_trigger(self, schedule, arg_name, run_on_startup=False, use_monitor=True, **ignored):
            return self._trigger('timer', arg_name, schedule=schedule)

        schedule = timer_trigger

        def queue_trigger(self, arg_name, queue_name, connection=None, **ignored):
            return self._trigger('queue', arg_name, queue_name=queue_name)

        def blob_trigger(self, arg_name, path, connection=None, **ignored):
            return self._trigger('blob', arg_name, path=path)

        def __getattr__(self, name):
            if name.startswith('_'):
                raise AttributeError(name)
            raise AttributeError("app.%s: FaaS Lab's Azure Functions have app.route, app.timer_trigger, app.queue_trigger,"
                                 " app.blob_trigger and app.function_name; for other inputs and outputs, use the faaslab "
                                 "module's tables, buckets and queues" % name)

    class FunctionApp(_Decorators):
        def register_functions(self, blueprint):
            self._functions.extend(blueprint._functions)

        register_blueprint = register_functions

    class Blueprint(_Decorators):
        pass

    for cls in (HttpRequest, HttpResponse, TimerRequest, QueueMessage, InputStream, Context, FunctionApp, Blueprint,
                AuthLevel, HttpMethod):
        cls.__module__ = 'azure.functions'
    namespace.update(AuthLevel=AuthLevel, HttpMethod=HttpMethod, HttpRequest=HttpRequest, HttpResponse=HttpResponse,
                     TimerRequest=TimerRequest, QueueMessage=QueueMessage, InputStream=InputStream, Context=Context,
                     FunctionApp=FunctionApp, Blueprint=Blueprint)
