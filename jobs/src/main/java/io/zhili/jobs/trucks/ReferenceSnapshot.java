package io.zhili.jobs.trucks;

import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.jt808.TerminalRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One version of the truck reference data — the bytes of {@code routes.geojson},
 * {@code sites.geojson} and {@code zones.geojson} — as it travels through the job's broadcast
 * stream and lives in broadcast state. The job ships the files' contents rather than paths so that
 * task managers on other machines need no access to the client's files, and builds the indexes
 * ({@link ReferenceLayers}) from them once per JVM and version ({@link #layers}).
 *
 * <p>{@link #read} validates the three files with the same reader the tasks use, so bad reference
 * data fails the command at start with a one-line reason naming file, feature and property.
 *
 * <p>A Flink POJO (public fields, no-argument constructor), also Java-serializable so functions can
 * carry it. Not thread-safe; treat as immutable.
 */
public class ReferenceSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final BuiltLayers BUILT = new BuiltLayers();

    /** SHA-256 of the three files' contents, hex: equal versions mean equal data. */
    public String version;
    public byte[] routes;
    public byte[] sites;
    public byte[] zones;

    public ReferenceSnapshot() {
    }

    public ReferenceSnapshot(byte[] routes, byte[] sites, byte[] zones) {
        this.routes = routes;
        this.sites = sites;
        this.zones = zones;
        this.version = digest(routes, sites, zones);
    }

    /**
     * Reads and validates the three layers.
     *
     * @throws IllegalArgumentException with a one-line reason when a file is missing, unreadable or invalid
     */
    public static ReferenceSnapshot read(Path routes, Path sites, Path zones) {
        ReferenceSnapshot s = new ReferenceSnapshot(bytes("--routes", routes), bytes("--sites", sites),
                bytes("--zones", zones));
        List<Route> routeList;
        List<Site> siteList;
        List<Zone> zoneList;
        try {
            // From the given paths, so that a bad feature is reported with its own file name.
            routeList = FenceLayers.readRoutes(routes);
            siteList = FenceLayers.readSites(sites);
            zoneList = FenceLayers.readZones(zones);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad reference data: " + e.getMessage(), e);
        }
        if (!s.version.equals(digest(bytes("--routes", routes), bytes("--sites", sites), bytes("--zones", zones)))) {
            throw new IllegalArgumentException("the reference files changed while they were being read; run again");
        }
        // Valid layers always index, so the indexes are built in the background while the caller
        // starts Flink, and kept, so that tasks in this JVM (a local run) need not build them again.
        BUILT.put(s.version, CompletableFuture.supplyAsync(() -> ReferenceLayers.of(routeList, siteList, zoneList)));
        return s;
    }

    /**
     * The indexes of this version, built on first use in this JVM and then shared by every task that
     * asks for the same version (they are immutable and thread-safe); a task asking while they are being
     * built waits for them. Without sharing, a local run would build them once per rules subtask.
     *
     * @throws UncheckedIOException when the indexes cannot be built
     */
    public ReferenceLayers layers() {
        return BUILT.get(this);
    }

    /** Builds the indexes of this version from the three files' bytes. */
    private ReferenceLayers build() {
        // The layer readers take files; a private temporary copy keeps this independent of the client's paths.
        Path dir = null;
        try {
            dir = Files.createTempDirectory("zhili-reference-");
            Path r = Files.write(dir.resolve("routes.geojson"), routes);
            Path s = Files.write(dir.resolve("sites.geojson"), sites);
            Path z = Files.write(dir.resolve("zones.geojson"), zones);
            return ReferenceLayers.read(r, s, z);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load reference data version " + version + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                for (String f : List.of("routes.geojson", "sites.geojson", "zones.geojson")) {
                    dir.resolve(f).toFile().delete();
                }
                dir.toFile().delete();
            }
        }
    }

    /**
     * Terminal phone number to plate, from the permits' {@code terminal_phones[]} parallel to
     * {@code truck_ids[]}: the key of JT/T 808 frames.
     */
    public static TerminalRegistry terminals(ReferenceLayers layers) {
        Map<String, String> phoneToPlate = new HashMap<>();
        for (Route r : layers.routes()) {
            List<String> phones = r.terminalPhones();
            for (int i = 0; i < phones.size(); i++) {
                phoneToPlate.put(phones.get(i), r.truckIds().get(i));
            }
        }
        return TerminalRegistry.of(phoneToPlate);
    }

    private static byte[] bytes(String option, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(option + " is required");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    private static String digest(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The indexes of the versions in use in this JVM. Two are kept: the current version and the one it
     * replaces while tasks switch over. Tasks asking for a version being built wait for it.
     */
    private static final class BuiltLayers {
        private static final int KEEP = 2;
        private final Map<String, CompletableFuture<ReferenceLayers>> byVersion = new LinkedHashMap<>();

        ReferenceLayers get(ReferenceSnapshot snapshot) {
            CompletableFuture<ReferenceLayers> layers;
            boolean build = false;
            synchronized (this) {
                layers = byVersion.get(snapshot.version);
                if (layers == null) {
                    layers = new CompletableFuture<>();
                    put(snapshot.version, layers);
                    build = true;
                }
            }
            if (build) {
                try {
                    layers.complete(snapshot.build());
                } catch (RuntimeException e) {
                    layers.completeExceptionally(e);
                }
            }
            try {
                return layers.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        synchronized void put(String version, CompletableFuture<ReferenceLayers> layers) {
            byVersion.remove(version);
            byVersion.put(version, layers);
            Iterator<String> oldest = byVersion.keySet().iterator();
            while (byVersion.size() > KEEP) {
                oldest.next();
                oldest.remove();
            }
        }
    }
}
