package io.weir.server.live;

import io.weir.connectors.codec.ResultRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes one subscriber's results to its HTTP response as Server-Sent Events, with a keep-alive
 * comment whenever nothing happened for a while, until the client goes away, the subscriber is cut
 * off, or the server stops.
 */
public final class LiveStream {
    /** How often an idle stream gets a keep-alive comment. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private LiveStream() {}

    /** Streams until the end; returns normally when the client or the server ends it. */
    public static void run(LiveHub.Subscription sub, OutputStream out, Duration keepAlive)
            throws IOException {
        write(out, ": connected\n\n");
        try {
            while (!sub.cutOff()) {
                ResultRecord r = sub.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (sub.cutOff()) {
                    break;
                }
                if (r == null) {
                    write(out, LiveEvents.KEEP_ALIVE);
                    continue;
                }
                StringBuilder sb = new StringBuilder(256);
                sb.append(LiveEvents.step(r));
                for (ResultRecord more = sub.poll(); more != null; more = sub.poll()) {
                    sb.append(LiveEvents.step(more));
                }
                write(out, sb.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sub.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
