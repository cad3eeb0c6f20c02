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
 * The small reference data every task needs (class catalog, areas), shipped as a path and loaded once
 * per task manager JVM: the areas layer is a few megabytes, far cheaper to read than to broadcast.
 */
public final class ReferenceData implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, AreaIndex> AREA_CACHE = new ConcurrentHashMap<>();

    private final String areasPath;

    public ReferenceData(Path areasPath) {
        this.areasPath = areasPath == null ? null : areasPath.toAbsolutePath().toString();
    }

    public ClassCatalog catalog() {
        return ClassCatalog.standard();
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
