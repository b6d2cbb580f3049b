package dev.faaslab.bench;

import dev.faaslab.runtime.Ids;
import dev.faaslab.http.WebServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 with nothing behind it but one handler that answers every request with the benchmark
 * function's response: the yardstick for what the platform costs. It has the thread pool and connector
 * {@code WebServer} has, so the difference between the two is the platform, not the server's settings.
 */
public final class BareJetty implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private BareJetty(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts it on a free port of 127.0.0.1, answering every request with {@code body} as JSON. */
    public static BareJetty start(String body) throws Exception {
        Server server = new Server(WebServer.threadPool("faaslab-bare-http"));
        ServerConnector connector = WebServer.connector(server, "127.0.0.1", 0);
        server.setHandler(new JsonHandler(body.getBytes(StandardCharsets.UTF_8)));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new BareJetty(server, connector);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Writes the response the HTTP trigger writes for the benchmark's function: the same status, headers
     * and body, so both servers send the same bytes. A blocking handler (the default), like the router, so
     * Jetty dispatches both the same way.
     */
    private static final class JsonHandler extends Handler.Abstract {

        private final byte[] body;

        JsonHandler(byte[] body) {
            this.body = body;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().add("apigw-requestid", Ids.requestId());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
