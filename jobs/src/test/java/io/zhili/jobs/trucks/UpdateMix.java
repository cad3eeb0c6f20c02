package io.zhili.jobs.trucks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.HoursWindow;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * A day's worth of reference updates for a generated fleet, for benchmarks: {@code n} valid records
 * spread evenly over {@code [from, to)}, mixed as an operations centre would send them — permit
 * renewals (40 %), new permits for trucks that have one (10 %), revocations of those new permits
 * (5 %), site changes and new sites (20 %), temporary zones declared (15 %) and lifted (10 %).
 * Deterministic for a seed.
 */
public final class UpdateMix {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpdateMix() {
    }

    /** The records (JSON lines) in effective-time order. */
    public static List<String> generate(Path routesFile, Path sitesFile, Path zonesFile, long from, long to, int n, long seed)
            throws IOException {
        List<Route> routes = FenceLayers.readRoutes(routesFile);
        List<Site> sites = FenceLayers.readSites(sitesFile);
        List<Zone> zones = FenceLayers.readZones(zonesFile);
        Random rng = new Random(seed);
        List<Route> newRoutes = new ArrayList<>();
        List<Site> newSites = new ArrayList<>();
        List<Zone> newZones = new ArrayList<>();
        // Per record: layer, op, id, and the position of its feature in the new-feature list (or -1).
        List<Object[]> plan = new ArrayList<>();
        List<String> issued = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(20);
            if (kind < 8) {
                Route r = routes.get(rng.nextInt(routes.size()));
                newRoutes.add(new Route(r.permitId(), r.truckIds(), r.terminalPhones(), r.siteId(), r.disposalId(),
                        r.validFrom(), r.validTo().plusDays(30), r.hours(), r.corridorM(), r.line()));
                plan.add(new Object[] {"routes", "UPSERT", r.permitId(), newRoutes.size() - 1});
            } else if (kind < 10 || (kind == 10 && issued.isEmpty())) {
                Route r = routes.get(rng.nextInt(routes.size()));
                String id = "QD-ZT-UPD-" + i;
                newRoutes.add(new Route(id, r.truckIds(), r.terminalPhones(), r.siteId(), r.disposalId(), r.validFrom(),
                        r.validTo(), r.hours(), r.corridorM(), r.line()));
                issued.add(id);
                plan.add(new Object[] {"routes", "UPSERT", id, newRoutes.size() - 1});
            } else if (kind == 10) {
                plan.add(new Object[] {"routes", "DELETE", issued.remove(rng.nextInt(issued.size())), -1});
            } else if (kind < 15) {
                Site s = sites.get(rng.nextInt(sites.size()));
                boolean moved = rng.nextBoolean();
                String id = moved ? "SITE-UPD-" + i : s.siteId();
                newSites.add(new Site(id, s.kind(), s.name() + " (" + i + ")", moved ? shifted(s.area(), rng) : s.area()));
                plan.add(new Object[] {"sites", "UPSERT", id, newSites.size() - 1});
            } else if (kind < 18 || declared.isEmpty()) {
                Zone z = zones.get(rng.nextInt(zones.size()));
                String id = "ZONE-TMP-" + i;
                int start = rng.nextInt(20);
                newZones.add(new Zone(id, z.kind(), HoursWindow.parse(String.format("%02d:00-%02d:00", start, start + 4)),
                        shifted(z.area(), rng)));
                declared.add(id);
                plan.add(new Object[] {"zones", "UPSERT", id, newZones.size() - 1});
            } else {
                plan.add(new Object[] {"zones", "DELETE", declared.remove(rng.nextInt(declared.size())), -1});
            }
        }
        List<JsonNode> routeJson = features(newRoutes, (f, l) -> FenceLayers.writeRoutes(f, l));
        List<JsonNode> siteJson = features(newSites, (f, l) -> FenceLayers.writeSites(f, l));
        List<JsonNode> zoneJson = features(newZones, (f, l) -> FenceLayers.writeZones(f, l));
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] p = plan.get(i);
            long at = from + (to - from) * i / n;
            int feature = (Integer) p[3];
            String json = feature < 0 ? null : switch ((String) p[0]) {
                case "routes" -> routeJson.get(feature).toString();
                case "sites" -> siteJson.get(feature).toString();
                default -> zoneJson.get(feature).toString();
            };
            lines.add(ReferenceNight.update((String) p[0], (String) p[1], (String) p[2], at, json));
        }
        return lines;
    }

    private static Geometry shifted(Geometry area, Random rng) {
        return AffineTransformation.translationInstance((rng.nextDouble() - 0.5) * 0.02, (rng.nextDouble() - 0.5) * 0.02)
                .transform(area);
    }

    private interface LayerWriter<T> {
        void write(Path file, List<T> features) throws IOException;
    }

    /** The features as GeoJSON, written by the layer's own writer so they are in the layer contract. */
    private static <T> List<JsonNode> features(List<T> list, LayerWriter<T> writer) throws IOException {
        Path tmp = Files.createTempFile("zhili-update-mix-", ".geojson");
        try {
            writer.write(tmp, list);
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(tmp.toFile()).get("features").forEach(out::add);
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
