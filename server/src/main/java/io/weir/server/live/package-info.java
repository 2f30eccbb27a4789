/**
 * Live push: {@link io.weir.server.live.LiveHub} fans the view store's new results out to bounded
 * per-subscriber queues (a slow subscriber is cut off, never waited for), and {@link
 * io.weir.server.live.LiveStream} writes one subscriber's results as Server-Sent Events.
 */
package io.weir.server.live;
