# Cloudflare's Python Workers: not yet here (a later step adds on_fetch and WorkerEntrypoint).


def faaslab_style(core):
    def invoke(text, request_id, deadline_ms, attempt):
        return 'E' + core.error('FUNCTION', 'Runtime.HandlerNotFound', 'Python Workers are not run yet', None)
    return invoke
