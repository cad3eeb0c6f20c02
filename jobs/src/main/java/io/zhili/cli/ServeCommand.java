package io.zhili.cli;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.jobs.serve.AlertFileSource;
import io.zhili.jobs.serve.AlertHub;
import io.zhili.jobs.serve.AlertKafkaSource;
import io.zhili.jobs.serve.CellDetails;
import io.zhili.jobs.serve.ReferenceView;
import io.zhili.jobs.serve.TileServer;
import io.zhili.jobs.tiles.TileRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zhili serve}: the dispatch console and tile server ({@link TileServer}) until interrupted.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve heatmap tiles, TileJSON and the dispatch console with live truck and case alerts and cell details.")
public final class ServeCommand implements Callable<Integer> {
    /** How often an alerts path is polled. */
    static final long POLL_MS = 2000;
    /** A Kafka bootstrap list as Kafka's clients take it: {@code host:port} entries separated by commas. */
    static final String BROKER_LIST = "[^:\\s,]+:\\d+(,[^:\\s,]+:\\d+)*";
    /** A web origin as browsers send it: scheme, host and an optional port, no path. */
    static final String ORIGIN = "https?://[^/\\s:]+(:\\d+)?";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tiles", required = true, paramLabel = "DIR", description = "Output directory of zhili tiles (or tiles/ of a hotspots run).")
    Path tiles;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "Origin allowed to read tiles from web pages elsewhere, e.g. https://gis.example.org (repeatable; "
                    + "default none; * for any).")
    java.util.List<String> corsOrigins = new java.util.ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Public URL of this server for the tile URLs in TileJSON, e.g. https://maps.example.org "
                    + "(default: root-relative /tiles/... URLs).")
    String baseUrl;

    @Option(names = "--areas", paramLabel = "GEOJSON", description = "District/street outlines to draw (areas contract).")
    Path areas;

    @Option(names = "--sites", paramLabel = "GEOJSON", description = "Truck sites to draw (with --zones; as given to zhili trucks).")
    Path sites;

    @Option(names = "--zones", paramLabel = "GEOJSON", description = "Restricted zones to draw (with --sites).")
    Path zones;

    @Option(names = "--reference-updates", paramLabel = "PATH",
            description = "The truck job's reference update file: the map shows the sites and zones in force now.")
    Path referenceUpdates;

    @ArgGroup(exclusive = true)
    AlertInput alerts;

    static final class AlertInput {
        @Option(names = "--alerts", paramLabel = "PATH", description = "Alerts to follow: a JSON-lines or Parquet file, or a directory of them (polled).")
        Path path;

        @Option(names = "--kafka", paramLabel = "HOST:PORT[,HOST:PORT...]", description = "Kafka bootstrap servers of the alerts topic.")
        String kafka;
    }

    @Option(names = "--topic", defaultValue = "truck-alerts", description = "Alerts topic with --kafka (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--live-alerts", paramLabel = "PATH",
            description = "Alerts of zhili live to follow (its alerts/ folder, or a JSON-lines or Parquet file; polled); "
                    + "without it, --kafka also follows --live-topic.")
    Path liveAlerts;

    @Option(names = "--live-topic", defaultValue = "city-alerts",
            description = "Topic of zhili live's alerts, followed with --kafka unless --live-alerts is given (default ${DEFAULT-VALUE}).")
    String liveTopic;

    @Option(names = "--hotspots", paramLabel = "DIR",
            description = "Output directory of zhili hotspots: the detail panel of a clicked cell (counts by category, "
                    + "forecast, trend), indexed once at start.")
    Path hotspots;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV (code,kind,name_zh,name_en,source) "
            + "naming the categories of the detail panel, instead of the shipped one.")
    Path catalog;

    /** Set by tests: counted down once the server listens, with its port in {@link #boundPort}. */
    CountDownLatch started;
    volatile int boundPort;
    /** Set by tests to stop the server. */
    CountDownLatch stop;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(tiles)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tiles " + tiles + " is not a directory");
        }
        if (!Files.isRegularFile(tiles.resolve(TileRun.SETS_FILE))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tiles " + tiles + " has no "
                    + TileRun.SETS_FILE + " (write it with zhili tiles)");
        }
        if (areas != null && !Files.isReadable(areas)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--areas " + areas + " is not readable");
        }
        if (alerts != null && alerts.kafka != null && !alerts.kafka.matches(BROKER_LIST)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kafka must be HOST:PORT[,HOST:PORT...], not '"
                    + alerts.kafka + "'");
        }
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches(ORIGIN)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cors-origin must be * or scheme://host[:port] "
                        + "without a path, not '" + origin + "'");
            }
        }
        if (baseUrl != null && !baseUrl.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--base-url must be an http(s) URL, not '" + baseUrl + "'");
        }
        if ((sites == null) != (zones == null) || (referenceUpdates != null && sites == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sites and --zones go together (and --reference-updates needs them)");
        }
        for (Path p : new Path[] {sites, zones, referenceUpdates}) {
            if (p != null && !Files.isReadable(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), p + " is not readable");
            }
        }
        if (hotspots != null && !Files.isDirectory(hotspots)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hotspots " + hotspots + " is not a directory");
        }
        CellDetails details = null;
        if (hotspots != null) {
            // A bad catalog or hotspots directory is an input error (exit 1, one line), as in the other commands.
            details = CellDetails.load(hotspots, ClassCatalog.fileOrStandard(catalog));
        } else if (catalog != null) {
            ClassCatalog.load(catalog);
        }
        AlertHub hub = new AlertHub();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zhili-alerts");
            t.setDaemon(true);
            return t;
        });
        List<AlertKafkaSource> kafka = new ArrayList<>();
        try (TileServer server = new TileServer(tiles, areas, hub,
                new TileServer.Options(bind, port, new java.util.HashSet<>(corsOrigins), baseUrl, TileServer.Options.DEFAULT_THREADS))) {
            if (alerts != null && alerts.path != null) {
                follow(poller, new AlertFileSource(alerts.path, hub), "alerts");
            } else if (alerts != null && alerts.kafka != null) {
                kafka.add(follow(new AlertKafkaSource(alerts.kafka, topic, hub)));
            }
            if (liveAlerts != null) {
                follow(poller, new AlertFileSource(liveAlerts, hub), "live alerts");
            } else if (alerts != null && alerts.kafka != null) {
                kafka.add(follow(new AlertKafkaSource(alerts.kafka, liveTopic, hub)));
            }
            if (sites != null) {
                server.withReference(new ReferenceView(sites, zones, referenceUpdates));
            }
            if (details != null) {
                server.withCellDetails(details);
            }
            server.start();
            boundPort = server.port();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("serve: console at http://%s:%d/ (tiles %s%s%s)%n",
                    bind.equals("0.0.0.0") ? "127.0.0.1" : bind, server.port(), tiles.toAbsolutePath(),
                    alerts == null ? ", no truck alerts" : alerts.path != null ? ", truck alerts from " + alerts.path
                            : ", truck alerts from Kafka " + alerts.kafka + " topic " + topic,
                    liveAlerts != null ? ", live alerts from " + liveAlerts
                            : alerts != null && alerts.kafka != null ? ", live alerts from topic " + liveTopic : ", no live alerts");
            if (details != null) {
                out.printf("serve: cell details of %s: %,d cells at H3 res %d, %d periods (%s … %s), forecast %s%s%n",
                        details.directory(), details.cells(), details.baseResolution(), details.periods().size(),
                        details.periods().get(0), details.periods().get(details.periods().size() - 1),
                        details.hasForecast() ? "yes" : "none (no forecast/cells)",
                        details.skipped().isEmpty() ? "" : "; skipped " + details.skipped());
            }
            out.flush();
            if (started != null) {
                started.countDown();
            }
            CountDownLatch until = stop != null ? stop : new CountDownLatch(1);
            if (stop == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(until::countDown));
            }
            until.await();
        } finally {
            poller.shutdownNow();
            kafka.forEach(AlertKafkaSource::close);
        }
        return 0;
    }

    /** Polls an alerts path every {@link #POLL_MS}; a failure is one line on stderr and the next poll tries again. */
    private void follow(ScheduledExecutorService poller, AlertFileSource source, String what) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                source.poll();
            } catch (Exception e) {
                spec.commandLine().getErr().println("zhili serve: " + what + ": " + ZhiliCommand.oneLine(e));
            }
        }, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Follows a Kafka topic on its own daemon thread. */
    private static AlertKafkaSource follow(AlertKafkaSource source) {
        Thread t = new Thread(source, "zhili-alerts-kafka");
        t.setDaemon(true);
        t.start();
        return source;
    }
}
