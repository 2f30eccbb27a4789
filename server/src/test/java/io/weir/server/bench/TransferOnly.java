package io.weir.server.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The floor under any answer of a given size: a JDK {@code HttpServer} on the loopback that sends
 * bytes encoded in advance (the server's own answer to a query) and does nothing else, read by the
 * same client as the real requests. Whatever the server computes, its answer cannot arrive sooner.
 */
final class TransferOnly implements AutoCloseable {
    private final HttpServer server;

    TransferOnly(byte[] body) throws IOException {
        // As ApiServer: the headers and the body go out without waiting for an ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
