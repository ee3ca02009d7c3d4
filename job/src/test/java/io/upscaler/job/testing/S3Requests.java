package io.upscaler.job.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The S3 requests {@link S3Traffic} relayed (or answered with a fault) over some span, in arrival
 * order: counts by {@link Kind} and by object, and their price at S3's list prices. Immutable.
 */
public record S3Requests(List<Request> requests) {
  public S3Requests {
    requests = List.copyOf(requests);
  }

  /**
   * What a request does, as S3 bills it. Prices are S3 Standard's list prices per 1,000 requests
   * (us-east-1): PUT, COPY, POST and LIST $0.005; GET and HEAD $0.0004; DELETE free.
   */
  public enum Kind {
    HEAD(0.0004), GET(0.0004), LIST(0.005), PUT(0.005), POST(0.005), COPY(0.005), DELETE(0.0);

    /** US dollars per 1,000 requests. */
    public final double dollarsPerThousand;

    Kind(double dollarsPerThousand) {
      this.dollarsPerThousand = dollarsPerThousand;
    }
  }

  /**
   * One request: its kind, bucket and (decoded) key, "" for bucket-level calls such as a LIST; the
   * raw query; and the status it was answered with.
   */
  public record Request(Kind kind, String method, String bucket, String key, String query, int status) {
    /** {@code s3a://bucket/key}. */
    public String uri() {
      return "s3a://" + bucket + "/" + key;
    }
  }

  public int total() {
    return requests.size();
  }

  public int count(Kind kind) {
    return (int) requests.stream().filter(r -> r.kind() == kind).count();
  }

  /** Requests of each kind, every kind present (zero where none). */
  public Map<Kind, Integer> byKind() {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, count(kind));
    }
    return counts;
  }

  /** Requests that named object {@code uri} ({@code s3a://bucket/key}). */
  public List<Request> forObject(String uri) {
    return requests.stream().filter(r -> r.uri().equals(uri)).toList();
  }

  /** Requests on keys under {@code s3a://bucket/prefix}. */
  public S3Requests under(String uriPrefix) {
    return new S3Requests(requests.stream().filter(r -> r.uri().startsWith(uriPrefix)).toList());
  }

  /** The price of these requests in US dollars at {@link Kind}'s list prices. */
  public double dollars() {
    return requests.stream().mapToDouble(r -> r.kind().dollarsPerThousand / 1000).sum();
  }

  /** "HEAD 0, GET 40, LIST 2, ..." */
  public String summary() {
    return byKind().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ", "", String.format(Locale.ROOT, " (total %d)", total())));
  }

  /** One line per request ("GET 200 s3a://in/a.png ?list-type=2"), for failure messages. */
  public String lines() {
    return requests.stream()
        .map(r -> r.kind() + " " + r.status() + " " + r.uri() + (r.query().isEmpty() ? "" : " ?" + r.query()))
        .collect(Collectors.joining("\n"));
  }
}
