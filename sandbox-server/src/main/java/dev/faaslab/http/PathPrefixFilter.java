package dev.faaslab.http;

import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes a request to the browser app's files unless its path belongs to an API, or is ambiguous or
 * suspicious (an encoded '/', '..' or '\\', which the server lets through for object keys, is never a file's name).
 */
final class PathPrefixFilter extends Handler.Wrapper {

    private final List<String> apiPrefixes;

    PathPrefixFilter(Handler files, List<String> apiPrefixes) {
        super(files);
        this.apiPrefixes = List.copyOf(apiPrefixes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().hasViolations()) {
            return false;
        }
        String path = request.getHttpURI().getPath();
        for (String prefix : apiPrefixes) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return super.handle(request, response, callback);
    }
}
