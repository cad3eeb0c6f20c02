package io.zhili.jobs.serve;

import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.ReferenceTimeline;
import io.zhili.geo.fence.ReferenceUpdate;
import io.zhili.geo.fence.ReferenceUpdateParser;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.UpdateRejectedException;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.geojson.GeoJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sites and restricted zones in force at a given time, for the console's map: the truck job's
 * start files ({@code sites.geojson}, {@code zones.geojson}) with the same reference update file the
 * job reads ({@code --reference-updates}) applied as the job applies it ({@link ReferenceTimeline}):
 * a temporary zone appears once its {@code effective_at} has passed. Invalid update records are
 * skipped (the job dead-letters them). The files are read again when one of them changes.
 *
 * <p>Thread-safe.
 */
public final class ReferenceView {
    private final Path sites;
    private final Path zones;
    private final Path updates;
    private long loadedStamp = Long.MIN_VALUE;
    private ReferenceTimeline timeline;

    /**
     * @param updates the reference update file (JSON lines), or null for the start layers only
     */
    public ReferenceView(Path sites, Path zones, Path updates) {
        this.sites = sites;
        this.zones = zones;
        this.updates = updates;
    }

    /** {@code {"at":…,"sites":FeatureCollection,"zones":FeatureCollection}} of the layers in force at {@code at}. */
    public String json(long at) throws IOException {
        ReferenceLayers layers = timeline().at(at);
        List<Site> s = layers.sites().sites();
        List<Zone> z = layers.zones().zones();
        return "{\"at\":" + at + ",\"sites\":" + collection(FenceLayers.siteFeatures(s)) + ",\"zones\":"
                + collection(FenceLayers.zoneFeatures(z)) + "}";
    }

    private synchronized ReferenceTimeline timeline() throws IOException {
        long stamp = stamp(sites) * 31 + stamp(zones) * 17 + (updates == null ? 0 : stamp(updates));
        if (timeline == null || stamp != loadedStamp) {
            ReferenceLayers base = ReferenceLayers.of(List.of(), FenceLayers.readSites(sites), FenceLayers.readZones(zones));
            List<ReferenceUpdate> held = new ArrayList<>();
            if (updates != null) {
                for (String line : Files.readAllLines(updates, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        ReferenceUpdate u = ReferenceUpdateParser.parse(line.strip());
                        if (u.layer() != ReferenceUpdate.Layer.ROUTES) {
                            held.add(u);
                        }
                    } catch (UpdateRejectedException invalid) {
                        // The job dead-letters it; the map shows what the job applies.
                    }
                }
            }
            timeline = ReferenceTimeline.of(base, held);
            loadedStamp = stamp;
        }
        return timeline;
    }

    private static long stamp(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
    }

    private static String collection(List<io.zhili.geo.geojson.Feature> features) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.write(out, features);
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
