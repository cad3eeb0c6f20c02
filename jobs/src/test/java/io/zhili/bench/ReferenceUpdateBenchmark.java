package io.zhili.bench;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.ReferenceTimeline;
import io.zhili.geo.fence.ReferenceUpdate;
import io.zhili.geo.fence.ReferenceUpdateParser;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.Zone;
import io.zhili.jobs.trucks.UpdateMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of reference updates on the city's indexes, one core: the layers of the generator's fleet
 * of {@value #TRUCKS} trucks (3 000 permits; {@link TruckDataGenerator#generateLayers}, written once into
 * {@code work/bench-layers-6000}) and {@value #UPDATES} updates of {@link UpdateMix} (permit renewals,
 * new and revoked permits, site changes, temporary zones declared and lifted).
 * <ul>
 *   <li>{@code oneUpdate}: one update applied to the base layers (no overlay yet), microseconds;</li>
 *   <li>{@code burstOf1000}: all of them applied one after another, as a version each (the overlay
 *       grows and is compacted on the way), milliseconds per burst;</li>
 *   <li>{@code burstOf1000Timeline}: the same through {@link ReferenceTimeline} (versions kept in
 *       effective-time order), milliseconds per burst;</li>
 *   <li>{@code rebuild}: the alternative an update must not cost: every index built again from the
 *       layers, milliseconds.</li>
 * </ul>
 * Run: {@code scripts/bench.sh jmh ReferenceUpdate}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
public class ReferenceUpdateBenchmark {
    static final int TRUCKS = 6000;
    static final int UPDATES = 1000;

    /** The fleet's layers and the updates, once per fork. */
    @State(Scope.Benchmark)
    public static class City {
        List<Route> routes;
        List<Site> sites;
        List<Zone> zones;
        ReferenceLayers base;
        List<ReferenceUpdate> updates = new ArrayList<>();
        int next;

        @Setup(Level.Trial)
        public void load() throws IOException {
            Path data = Path.of("work/bench-layers-" + TRUCKS).toAbsolutePath();
            if (!Files.exists(data.resolve("zones.geojson"))) {
                TruckDataGenerator.generateLayers(data, TRUCKS, 20251124L);
            }
            routes = FenceLayers.readRoutes(data.resolve("routes.geojson"));
            sites = FenceLayers.readSites(data.resolve("sites.geojson"));
            zones = FenceLayers.readZones(data.resolve("zones.geojson"));
            base = ReferenceLayers.of(routes, sites, zones);
            long from = TruckDataGenerator.NIGHT_START.toInstant().toEpochMilli();
            long to = TruckDataGenerator.NIGHT_END.toInstant().toEpochMilli();
            for (String line : UpdateMix.generate(data.resolve("routes.geojson"), data.resolve("sites.geojson"),
                    data.resolve("zones.geojson"), from, to, UPDATES, 7)) {
                updates.add(ReferenceUpdateParser.parse(line));
            }
            System.out.printf("%nlayers: %d permits, %d sites, %d zones; %d updates%n", routes.size(), sites.size(),
                    zones.size(), updates.size());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ReferenceLayers oneUpdate(City city) {
        ReferenceUpdate u = city.updates.get(city.next);
        city.next = (city.next + 1) % UPDATES;
        return city.base.apply(u);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ReferenceLayers burstOf1000(City city) {
        ReferenceLayers layers = city.base;
        for (ReferenceUpdate u : city.updates) {
            layers = layers.apply(u);
        }
        return layers;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ReferenceLayers burstOf1000Timeline(City city) {
        ReferenceTimeline timeline = new ReferenceTimeline(city.base);
        for (ReferenceUpdate u : city.updates) {
            timeline.add(u);
        }
        return timeline.latest();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ReferenceLayers rebuild(City city) {
        return ReferenceLayers.of(city.routes, city.sites, city.zones);
    }
}
