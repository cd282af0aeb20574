package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 that plays an Airflow 3 API server for the tests: {@code POST /auth/token}
 * issues {@code tok-1}, {@code tok-2}, ... for the right user and password (401 otherwise), every other path
 * wants a live Bearer token (401 otherwise) and answers what the test scripted for its method and path (404
 * otherwise). Scripted replies are served in order, the last one again for every further request. Every request
 * is recorded, with its decoded path, query, headers and body.
 */
public final class FakeAirflow implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server received it. */
  public record Request(String method, String path, String query, String authorization, String accept,
                        String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One scripted answer; {@code delayMillis} is waited before answering. */
  public record Reply(int status, String contentType, String body, long delayMillis) {
    public static Reply json(int status, String body) {
      return new Reply(status, "application/json", body, 0);
    }

    public static Reply ok(String body) {
      return json(200, body);
    }

    public static Reply text(String body) {
      return new Reply(200, "text/plain; charset=utf-8", body, 0);
    }

    public static Reply detail(int status, String detail) {
      return json(status, "{\"detail\": \"" + detail + "\"}");
    }

    public Reply after(long millis) {
      return new Reply(status, contentType, body, millis);
    }
  }

  private final String user;
  private final String password;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, Deque<Reply>> routes = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Set<String> liveTokens = new HashSet<>();
  private int issued;

  public FakeAirflow(String user, String password) {
    this.user = user;
    this.password = password;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Scripts the answers to {@code method path} (path without the query). */
  public synchronized FakeAirflow on(String method, String path, Reply... replies) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<Request> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  /** The API requests, without the token requests. */
  public synchronized List<Request> apiRequests() {
    return requests.stream().filter(r -> r.path().startsWith("/api/")).toList();
  }

  public synchronized int tokensIssued() {
    return issued;
  }

  /** Every token issued so far stops working (as when they expire). */
  public synchronized void expireTokens() {
    liveTokens.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      Request request = new Request(method, path, ex.getRequestURI().getRawQuery(),
          ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Accept"),
          ex.getRequestHeaders().getFirst("Content-Type"), body);
      Reply reply = answer(request);
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
      try {
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        }
      } catch (IOException clientGone) {
        // The client timed out and closed the connection: nothing to answer.
      }
    }
  }

  private synchronized Reply answer(Request r) {
    requests.add(r);
    Deque<Reply> scripted = routes.get(r.method() + " " + r.path());
    if (r.path().equals("/auth/token") && r.method().equals("POST")) {
      return scripted != null ? next(scripted) : login(r);
    }
    String auth = r.authorization();
    if (auth == null || !auth.startsWith("Bearer ") || !liveTokens.contains(auth.substring(7))) {
      return Reply.detail(401, "Not authenticated");
    }
    return scripted == null ? Reply.detail(404, "Not Found") : next(scripted);
  }

  private Reply login(Request r) {
    JsonNode creds = r.json();
    if (user.equals(creds.path("username").asText()) && password.equals(creds.path("password").asText())) {
      String token = "tok-" + ++issued;
      liveTokens.add(token);
      return Reply.json(201, "{\"access_token\": \"" + token + "\"}");
    }
    return Reply.detail(401, "Invalid credentials");
  }

  private static Reply next(Deque<Reply> replies) {
    return replies.size() > 1 ? replies.poll() : replies.peek();
  }
}
