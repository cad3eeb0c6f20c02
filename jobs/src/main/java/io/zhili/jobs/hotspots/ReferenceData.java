package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLayer;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small reference data every task needs: the class catalog the run loaded (shipped with the job
 * graph, a few kilobytes, so task managers never read the client's {@code --catalog} file) and the areas
 * layer, shipped as a path and loaded once per task manager JVM (a few megabytes, far cheaper to read
 * than to broadcast).
 */
public final class ReferenceData implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, AreaIndex> AREA_CACHE = new ConcurrentHashMap<>();

    private final ClassCatalog catalog;
    private final String areasPath;

    /** {@code catalog} (as loaded by the client) and {@code areasPath} (null for none). */
    public ReferenceData(ClassCatalog catalog, Path areasPath) {
        this.catalog = catalog;
        this.areasPath = areasPath == null ? null : areasPath.toAbsolutePath().toString();
    }

    /** The run's class catalog: every class check and category list of the job uses this one. */
    public ClassCatalog catalog() {
        return catalog;
    }

    public boolean hasAreas() {
        return areasPath != null;
    }

    /** The areas index, or null when the run has no areas layer. */
    public AreaIndex areaIndex() {
        return areasPath == null ? null : AREA_CACHE.computeIfAbsent(areasPath, p -> new AreaIndex(areas()));
    }

    public List<Area> areas() {
        if (areasPath == null) {
            return List.of();
        }
        try {
            return AreaLayer.read(Path.of(areasPath));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read areas " + areasPath + ": " + e.getMessage(), e);
        }
    }
}
