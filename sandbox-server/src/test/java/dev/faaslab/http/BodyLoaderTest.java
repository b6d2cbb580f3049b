package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The body loader in front of a route that answers with the length of the body it got, on a real Jetty, with a
 * budget small enough to fill.
 */
@DisplayName("The body loader")
class BodyLoaderTest {

    Server server;
    BodyLoader loader;
    int port;

    void start(int maxBytes, long budget) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        loader = new BodyLoader(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                byte[] answer = ("got " + BodyLoader.body(request).length).getBytes(StandardCharsets.UTF_8);
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        }, maxBytes, budget);
        server.setHandler(loader);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("answers 503 ServerBusy to a body past its budget, and gives the budget back as bodies are answered")
    void keepsToItsBudget() throws Exception {
        start(4_000, 2_500); // room for two bodies of 1,000 bytes, not three
        try (Socket first = open(1000); Socket second = open(1000)) {
            Await.until("two bodies holding their first kilobyte", Duration.ofSeconds(10), () -> loader.held() == 2000);
            try (Socket third = open(1000)) {
                String refused = answer(third);
                assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
                assertTrue(refused.contains("\"code\":\"ServerBusy\""), refused);
            }
            assertEquals(2000, loader.held(), "the refused body took nothing");
            send(first, 1000);
            assertTrue(answer(first).endsWith("got 1000"));
            Await.until("the first body's kilobyte given back", Duration.ofSeconds(10), () -> loader.held() == 1000);
            try (Socket fourth = open(1000)) {
                send(fourth, 1000);
                assertTrue(answer(fourth).endsWith("got 1000"), "there is room again");
            }
            second.close();
            Await.until("a body whose client left given back", Duration.ofSeconds(10), () -> loader.held() == 0);
        }
    }

    @Test
    @DisplayName("takes memory for a body as it arrives, not as its Content-Length announces, and 503 past its budget")
    void growsWithWhatArrives() throws Exception {
        start(1_000_000, 100_000);
        try (Socket announcer = open(1_000_000)) {
            Await.until("the announced body being read", Duration.ofSeconds(10), () -> loader.held() > 0);
            assertEquals(BodyLoader.FIRST_ARRAY, loader.held(), "a first array, not a megabyte");
            send(announcer, 10);
            Thread.sleep(100); // nothing to wait for: ten bytes fit
            assertEquals(BodyLoader.FIRST_ARRAY, loader.held());
            // Arrays of 16, 32 and 64 KB fit in 100,000 bytes; the byte after 64 KB needs one of 128 KB. It is the
            // last one sent, so that the server has read everything when it answers and closes the connection.
            send(announcer, 65_536 + 1 - 10);
            String refused = answer(announcer);
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
        }
        Await.until("the budget given back", Duration.ofSeconds(10), () -> loader.held() == 0);
    }

    /** A connection that has sent a request's head, announcing {@code length} bytes of body, and none of them. */
    Socket open(int length) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    static void send(Socket socket, int bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[bytes]);
        out.flush();
    }

    static String answer(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
