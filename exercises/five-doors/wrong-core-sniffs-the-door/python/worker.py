# Cloudflare Workers (Python): the request goes to the core as it is.
from workers import Response, WorkerEntrypoint

from core import quote


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        answer = quote(request)
        return Response(answer['body'], status=answer['status'], headers=answer['headers'])
