# Cloudflare Workers (Python): the web's Request in, a Response out.
from urllib.parse import parse_qsl, urlsplit

from workers import Response, WorkerEntrypoint

from core import quote


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        query = dict(parse_qsl(urlsplit(request.url).query))
        answer = quote(request.method, query, await request.text())
        return Response(answer['body'], status=answer['status'], headers=answer['headers'])
