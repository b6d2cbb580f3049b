# Azure Functions (Python v2 model): the route 'quote' is served under /api/quote.
import azure.functions as func

from core import quote

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route='quote', methods=['GET', 'POST', 'DELETE'])
def quote_http(req: func.HttpRequest) -> func.HttpResponse:
    # TODO: call quote() with the request's method, query and body, and answer with what it says.
    return func.HttpResponse('not written yet', status_code=501)
