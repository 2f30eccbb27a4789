package io.weir.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A client of Chromium's DevTools protocol for one page, over the JDK's WebSocket: commands by id,
 * events to listeners. Just what the browser test needs.
 */
final class DevTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long one command may take before the test fails instead of hanging; page-side waits pass
     * their own, shorter, deadline.
     */
    private static final long COMMAND_SECONDS = 60;

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();

    private DevTools(HttpClient http, URI pageSocket) throws IOException {
        try {
            this.socket =
                    http.newWebSocketBuilder()
                            .buildAsync(pageSocket, new Receiver())
                            .get(COMMAND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + pageSocket, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not connect to " + pageSocket, e);
        }
    }

    /** Connects to the browser's first page (the one it opened at start). */
    static DevTools attachToPage(URI devToolsHttp) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest list = HttpRequest.newBuilder(devToolsHttp.resolve("/json/list")).build();
        JsonNode targets =
                JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                return new DevTools(http, URI.create(target.get("webSocketDebuggerUrl").asText()));
            }
        }
        throw new IOException("the browser has no page: " + targets);
    }

    /** Calls {@code handler} with the params of every {@code event} from now on. */
    void on(String event, Consumer<JsonNode> handler) {
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** The params of the next {@code event}, which must be asked for before it can happen. */
    CompletableFuture<JsonNode> next(String event) {
        CompletableFuture<JsonNode> next = new CompletableFuture<>();
        on(event, next::complete);
        return next;
    }

    /** Sends a command and waits for its result; a protocol error fails the test. */
    JsonNode call(String method, Map<String, ?> params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        // One send at a time: the JDK's WebSocket refuses a send while another is under way.
        synchronized (socket) {
            await(socket.sendText(JSON.writeValueAsString(message), true), "sending " + method);
        }
        JsonNode response = await(reply, method);
        if (response.has("error")) {
            throw new IOException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    /**
     * Evaluates an expression in the page, awaiting it when it is a promise, and returns its value
     * as JSON. A thrown error or rejected promise fails with the page's message.
     */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result =
                call(
                        "Runtime.evaluate",
                        Map.of(
                                "expression", expression,
                                "awaitPromise", true,
                                "returnByValue", true));
        JsonNode exception = result.get("exceptionDetails");
        if (exception != null) {
            String description = exception.path("exception").path("description").asText("");
            throw new AssertionError(
                    "the page threw: "
                            + (description.isEmpty()
                                    ? exception.path("text").asText()
                                    : description));
        }
        return result.path("result").path("value");
    }

    static <T> T await(CompletableFuture<T> future, String what)
            throws IOException, InterruptedException {
        try {
            return future.get(COMMAND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(
                    what + ": no answer from the browser in " + COMMAND_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Joins a message's frames, then answers a command or tells an event's listeners. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                failAll(e);
                return;
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
                return;
            }
            String method = message.path("method").asText();
            for (Consumer<JsonNode> listener : listeners.getOrDefault(method, List.of())) {
                listener.accept(message.path("params"));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("the browser closed the connection: " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        private void failAll(Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
            pending.clear();
        }
    }
}
