# Cloudflare Workers (Python): the web's Request in, a Response out.
from workers import Response, WorkerEntrypoint

from core import quote


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        # TODO: call quote() with the request's method, query and body, and answer with what it says.
        return Response('not written yet', status=501)
