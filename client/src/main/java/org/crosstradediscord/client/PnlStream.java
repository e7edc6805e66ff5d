package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A P&amp;L subscription on the WebSocket {@code /ws/stream} (openapi.yaml {@code x-websocket-streams.streamPnl},
 * reference §5.2–5.3): its own connection, authenticated with the bearer token, that sends
 * {@code {"action":"streamPnl","enabled":true,"interval":<ms>}} and hands every {@code pnlUpdate} frame to the
 * listener as a {@link PnlUpdate}.
 *
 * <p>Kept open until {@link #close()}: a lost connection, a refused upgrade, or silence longer than
 * {@link #staleAfter()} (3 × interval, at least 10 s) is followed by a reconnect with backoff (1 s doubling to 30 s,
 * reset by a received frame) and the subscription is sent again. Frames larger than the client's response limit abort
 * the connection (then reconnect). The listener runs on one thread of its own, one frame at a time; when it is slower
 * than the stream, only the newest waiting frame is kept. A listener that throws is logged and keeps receiving: it
 * never stops the stream. Nothing here places or changes orders; the token is never logged.
 *
 * <p>Thread-safe. {@link #lastFrameAt()} and {@link #state()} say how current the data is.
 */
public final class PnlStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PnlStream.class);
  static final long MIN_BACKOFF_MS = 1_000;
  static final long MAX_BACKOFF_MS = 30_000;

  /** Where the stream is. */
  public enum State {
    /** Opening the connection or waiting for the first frame after it. */
    CONNECTING,
    /** Frames arrive. */
    STREAMING,
    /** The connection was lost; a new one is tried after the backoff. */
    RECONNECTING,
    /** {@link #close()} was called. */
    CLOSED
  }

  private final URI uri;
  private final String token;
  private final String userAgent;
  private final Duration interval;
  private final Duration connectTimeout;
  private final long maxMessageBytes;
  private final ObjectMapper mapper;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  /** The listener's own thread (only the newest waiting frame is kept). */
  private final PnlDelivery delivery;
  /** What each connection's events do to the stream's state. */
  private final PnlSession.Owner events = new Events();
  private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
  private volatile Instant lastFrameAt;
  private volatile long lastFrameNanos = System.nanoTime();
  private volatile String lastProblem;
  private volatile PnlSession session;
  private volatile long backoffMs = MIN_BACKOFF_MS;

  PnlStream(URI uri, String token, String userAgent, Duration interval, Duration connectTimeout, long maxMessageBytes,
      ObjectMapper mapper, Consumer<PnlUpdate> listener) {
    this.uri = uri;
    this.token = token;
    this.userAgent = userAgent;
    this.interval = interval;
    this.connectTimeout = connectTimeout;
    this.maxMessageBytes = maxMessageBytes;
    this.mapper = mapper;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "crosstrade-pnl-stream"));
    this.delivery = new PnlDelivery(listener, r -> daemon(r, "crosstrade-pnl-listener"));
  }

  /** Opens the first connection (off the caller's thread) and starts the silence watchdog. */
  void start() {
    timer.execute(this::connect);
    long check = Math.max(250, Math.min(interval.toMillis(), 5_000));
    timer.scheduleWithFixedDelay(this::watch, check, check, TimeUnit.MILLISECONDS);
  }

  /** @return where the stream is now */
  public State state() {
    return state.get();
  }

  /** @return when the last {@code pnlUpdate} frame arrived (this machine's clock), or null before the first */
  public Instant lastFrameAt() {
    return lastFrameAt;
  }

  /** @return silence after which the connection is taken for dead and replaced: 3 × interval, at least 10 s */
  public Duration staleAfter() {
    return interval.multipliedBy(3).compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10)
        : interval.multipliedBy(3);
  }

  /** @return the interval the stream was asked for, in ms granularity */
  public Duration interval() {
    return interval;
  }

  /** @return the last connection problem in one line (no token), or null */
  public String lastProblem() {
    return lastProblem;
  }

  /** Stops the subscription ({@code "enabled":false}, best effort) and closes the connection; idempotent. */
  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    PnlSession s = session;
    if (s != null) {
      s.end(true);
    }
    timer.shutdownNow();
    delivery.shutdownNow();
  }

  private void connect() {
    if (state.get() == State.CLOSED) {
      return;
    }
    PnlSession s = new PnlSession(maxMessageBytes, mapper, events);
    session = s;
    lastFrameNanos = System.nanoTime();
    CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(connectTimeout)
        .header("Authorization", "Bearer " + token).header("User-Agent", userAgent)
        .buildAsync(uri, s);
    // A handshake that completes after it was given up (timeout, close) is aborted, never left open.
    opening.whenComplete((ws, err) -> {
      if (ws != null && (s.ended || state.get() == State.CLOSED)) {
        ws.abort();
      }
    });
    try {
      WebSocket ws = opening.get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      s.socket = ws;
      if (s.ended || state.get() == State.CLOSED) {
        ws.abort();
        return;
      }
      ws.sendText("{\"action\":\"streamPnl\",\"enabled\":true,\"interval\":" + interval.toMillis() + "}", true)
          .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      state.compareAndSet(State.RECONNECTING, State.CONNECTING);
      log.info("CrossTrade P&L stream subscribed (every {} ms)", interval.toMillis());
    } catch (InterruptedException e) {
      opening.cancel(true);
      s.end(false);
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      opening.cancel(true);
      s.lost("could not connect: " + PnlSession.describe(e));
    }
  }

  /** Replaces a connection that has been silent for longer than {@link #staleAfter()}. */
  private void watch() {
    PnlSession s = session;
    if (s == null || s.ended || state.get() == State.CLOSED) {
      return;
    }
    if (System.nanoTime() - lastFrameNanos > staleAfter().toNanos()) {
      s.lost("no frame for " + staleAfter().toMillis() + " ms");
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The stream's side of each connection's events: the reconnect state machine and the hand-off of frames. */
  private final class Events implements PnlSession.Owner {
    @Override
    public void received(PnlSession s, PnlUpdate update) {
      long nowNanos = System.nanoTime();
      lastFrameNanos = nowNanos;
      lastFrameAt = Instant.now();
      if (s.firstFrameNanos == 0) {
        s.firstFrameNanos = nowNanos;
      } else if (nowNanos - s.firstFrameNanos > staleAfter().toNanos()) {
        backoffMs = MIN_BACKOFF_MS; // reset only once a connection proved healthy for a while
      }
      if (state.get() == State.CLOSED || s.ended) {
        return;
      }
      state.compareAndSet(State.CONNECTING, State.STREAMING);
      state.compareAndSet(State.RECONNECTING, State.STREAMING);
      delivery.deliver(update);
    }

    @Override
    public void problem(String problem) {
      lastProblem = problem;
      log.warn("CrossTrade P&L stream: {}", problem);
    }

    @Override
    public void lost(String why) {
      lastProblem = why;
      if (!state.compareAndSet(State.STREAMING, State.RECONNECTING) && !state.compareAndSet(State.CONNECTING,
          State.RECONNECTING) && state.get() != State.RECONNECTING) {
        return; // closed
      }
      long wait = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 4 + 1); // jitter
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      log.warn("CrossTrade P&L stream lost ({}); reconnecting in {} ms", why, wait);
      try {
        timer.schedule(PnlStream.this::connect, wait, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closed meanwhile
      }
    }
  }
}
