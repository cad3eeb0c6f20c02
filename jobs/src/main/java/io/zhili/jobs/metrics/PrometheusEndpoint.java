package io.zhili.jobs.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * A Prometheus scrape endpoint ({@code GET /metrics}, text exposition format 0.0.4) for Flink's
 * metrics that listens on a chosen address: loopback unless configured otherwise. Flink's own
 * Prometheus reporter always listens on every interface, which exposes a job's metrics to the whole
 * network; an operations centre decides that explicitly here.
 *
 * <p>Configuration (keys under {@code metrics.reporter.<name>.}): {@code host} (default
 * {@value #DEFAULT_HOST}; {@code 0.0.0.0} for every interface), {@code port} (a port or a range such as
 * {@code 9250-9260}, each process taking the first free one; default {@value #DEFAULT_PORT}).
 * Names and labels follow Flink's reporter: {@code flink_<logical scope>_<metric>} with the scope
 * variables as labels, so dashboards work with either.
 *
 * <p>Thread-safe: metrics are added and removed by Flink while scrapes read them.
 */
public final class PrometheusEndpoint implements MetricReporter {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_PORT = "9249";
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9:_]");
    private static final CharacterFilter FILTER = s -> INVALID.matcher(s).replaceAll("_");
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final Map<Metric, Series> metrics = new ConcurrentHashMap<>();
    private HttpServer server;

    /** One metric's name and labels, worked out when it is added. */
    private record Series(String name, String labels, String type) {
    }

    @Override
    public void open(MetricConfig config) {
        String host = config.getString("host", DEFAULT_HOST);
        String ports = config.getString("port", DEFAULT_PORT);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics reporter: host '" + host + "' cannot be resolved", e);
        }
        for (int port : ports(ports)) {
            try {
                server = HttpServer.create(new InetSocketAddress(address, port), 16);
                break;
            } catch (IOException taken) {
                // Port in use: try the next one of the range.
            }
        }
        if (server == null) {
            throw new IllegalStateException("metrics reporter: no free port in " + ports + " on " + host);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Where the endpoint listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String scope = LogicalScopeProvider.castFrom(group).getLogicalScope(FILTER, '_');
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> v : group.getAllVariables().entrySet()) {
            String key = v.getKey();
            labels.append(labels.length() == 0 ? "" : ",")
                    .append(FILTER.filterCharacters(key.startsWith("<") ? key.substring(1, key.length() - 1) : key))
                    .append("=\"").append(escape(v.getValue())).append('"');
        }
        String type = metric instanceof Counter ? "counter" : metric instanceof Histogram ? "summary" : "gauge";
        metrics.put(metric, new Series("flink_" + scope + "_" + FILTER.filterCharacters(metricName), labels.toString(), type));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        metrics.remove(metric);
    }

    /** The text exposition of every metric, grouped by name. */
    String scrape() {
        Map<String, List<String>> byName = new java.util.TreeMap<>();
        Map<String, String> types = new java.util.HashMap<>();
        metrics.forEach((metric, s) -> {
            List<String> lines = byName.computeIfAbsent(s.name(), k -> new ArrayList<>());
            types.put(s.name(), s.type());
            if (metric instanceof Histogram h) {
                HistogramStatistics stats = h.getStatistics();
                for (double q : QUANTILES) {
                    lines.add(s.name() + "{" + s.labels() + (s.labels().isEmpty() ? "" : ",") + "quantile=\"" + q + "\"} "
                            + number(stats.getQuantile(q)));
                }
                lines.add(s.name() + "_count{" + s.labels() + "} " + h.getCount());
            } else {
                Double value = value(metric);
                if (value != null) {
                    lines.add(s.name() + "{" + s.labels() + "} " + number(value));
                }
            }
        });
        StringBuilder out = new StringBuilder();
        byName.forEach((name, lines) -> {
            out.append("# TYPE ").append(name).append(' ').append(types.get(name)).append('\n');
            lines.forEach(l -> out.append(l).append('\n'));
        });
        return out.toString();
    }

    private static Double value(Metric metric) {
        if (metric instanceof Counter c) {
            return (double) c.getCount();
        }
        if (metric instanceof Meter m) {
            return m.getRate();
        }
        if (metric instanceof Gauge<?> g) {
            Object v = g.getValue();
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
        }
        return null;
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * The ports of "9249" or "9250-9260".
     *
     * @throws IllegalArgumentException with a one-line reason for anything else
     */
    public static int[] ports(String text) {
        String t = text.trim();
        int dash = t.indexOf('-');
        try {
            int from = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(t.substring(dash + 1).trim());
            if (from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            int[] ports = new int[to - from + 1];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = from + i;
            }
            return ports;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics reporter: port must be a port or a range like 9250-9260, not '"
                    + text + "'");
        }
    }
}
