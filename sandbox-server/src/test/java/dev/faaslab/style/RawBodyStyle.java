package dev.faaslab.style;

import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A second handler style, in the test sources only: the handler is called with the request's body as
 * text (or a JSON event's text) as its one argument, and what it returns (or resolves to) is the response
 * body. It shows that a style is this class, one small JavaScript function and one small Python function,
 * and nothing else.
 */
final class RawBodyStyle implements HandlerStyle {

    private static final String JAVA_SCRIPT = """
            (function rawBodyStyle(core) {
              'use strict';
              return function invoke(requestId, deadline, attempt, text) {
                const invocation = core.begin();
                try {
                  Promise.resolve(core.handler()(text))
                    .then((value) => core.finish(invocation, true, value), (error) => core.finish(invocation, false, error));
                } catch (error) {
                  core.finish(invocation, false, error);
                }
              };
            })""";

    private static final String PYTHON = """
            def faaslab_style(core):
                import json

                def invoke(text, request_id, deadline_ms, attempt):
                    core.capture_logging()
                    try:
                        return 'R' + json.dumps(core.state['handler'](text))
                    except BaseException as e:
                        return 'E' + core.error('FUNCTION', type(e).__name__, str(e), e)

                return invoke
            """;

    @Override
    public String name() {
        return "raw-body";
    }

    @Override
    public String javaScript() {
        return JAVA_SCRIPT;
    }

    @Override
    public String python() {
        return PYTHON;
    }

    @Override
    public Object[] input(Event event) {
        return new Object[] {pythonInput(event)};
    }

    @Override
    public String pythonInput(Event event) {
        return switch (event) {
            case Event.Json(String json) -> json;
            case Event.Http http -> new String(http.body(), StandardCharsets.UTF_8);
        };
    }

    @Override
    public void check(Event event) {
        // Bodies are under 6 MB already (the server refuses larger); the text passed is no larger.
    }

    @Override
    public HttpReply response(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Success(String json) -> new HttpReply(200,
                    List.of(new Event.Header("content-type", "application/json")), List.of(),
                    json.getBytes(StandardCharsets.UTF_8));
            case Outcome.Failure failure -> new HttpReply(500, List.of(), List.of(), new byte[0]);
        };
    }
}
