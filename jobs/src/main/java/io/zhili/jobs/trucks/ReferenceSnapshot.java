package io.zhili.jobs.trucks;

import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
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
import java.util.List;
import java.util.Map;

/**
 * One version of the truck reference data — the bytes of {@code routes.geojson},
 * {@code sites.geojson} and {@code zones.geojson} — as it travels through the job's broadcast
 * stream and lives in broadcast state. The job ships the files' contents rather than paths so that
 * task managers on other machines need no access to the client's files, and rebuilds the indexes
 * ({@link ReferenceLayers}) from them once per task and version.
 *
 * <p>{@link #read} validates the three files with the same reader the tasks use, so bad reference
 * data fails the command at start with a one-line reason naming file, feature and property.
 *
 * <p>A Flink POJO (public fields, no-argument constructor), also Java-serializable so functions can
 * carry it. Not thread-safe; treat as immutable.
 */
public class ReferenceSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

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
        try {
            ReferenceLayers.read(routes, sites, zones);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad reference data: " + e.getMessage(), e);
        }
        return s;
    }

    /** Builds the indexes of this version. Expensive (H3 covers of every polygon and corridor): cache the result. */
    public ReferenceLayers layers() {
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
}
