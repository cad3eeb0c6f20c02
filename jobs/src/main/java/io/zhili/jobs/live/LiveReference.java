package io.zhili.jobs.live;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.live.ServiceLevels;
import io.zhili.jobs.hotspots.HotspotOptions;
import io.zhili.jobs.hotspots.ReferenceData;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference data of the live job, shipped with the job graph as paths plus the small tables (catalog,
 * service levels): the component registry and the forecast are loaded once per JVM (a task manager, or the
 * client and its embedded MiniCluster together) and shared by every subtask, never broadcast or copied.
 */
public final class LiveReference implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, ComponentRegistry> REGISTRIES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Baseline> BASELINES = new ConcurrentHashMap<>();

    private final String components;
    private final String baseline;
    private final ReferenceData data;
    private final ServiceLevels sla;
    private final HotspotOptions parsing;

    /**
     * @param areas null for none
     */
    public LiveReference(Path components, Path baseline, Path areas, ClassCatalog catalog, ServiceLevels sla,
                         LiveOptions options) {
        this.components = components.toAbsolutePath().toString();
        this.baseline = baseline.toAbsolutePath().toString();
        this.data = new ReferenceData(catalog, areas);
        this.sla = sla;
        this.parsing = new HotspotOptions();
        this.parsing.resolution = options.resolution();
        this.parsing.nearestRadiusMeters = options.nearestRadiusMeters();
    }

    public ClassCatalog catalog() {
        return data.catalog();
    }

    public ServiceLevels sla() {
        return sla;
    }

    /** The validation settings shared with the batch job (city box, base resolution). */
    public HotspotOptions parsing() {
        return parsing;
    }

    /** The areas index, or null without {@code --areas}. */
    public AreaIndex areas() {
        return data.areaIndex();
    }

    /** The registry, loaded on first use in this JVM (a changed file is loaded again). */
    public ComponentRegistry registry() {
        return REGISTRIES.computeIfAbsent(versioned(components),
                k -> ComponentRegistry.load(Path.of(components), data.catalog(), parsing, data.areaIndex()));
    }

    /** The forecast, loaded on first use in this JVM. */
    public Baseline baseline() {
        return BASELINES.computeIfAbsent(versioned(baseline), k -> Baseline.read(Path.of(baseline)));
    }

    /** Forgets the registries and forecasts loaded in this JVM (benchmarks measuring a load). */
    public static void clearCaches() {
        REGISTRIES.clear();
        BASELINES.clear();
    }

    private static String versioned(String path) {
        try {
            return path + '@' + Files.getLastModifiedTime(Path.of(path)).toMillis();
        } catch (java.io.IOException e) {
            return path;
        }
    }
}
