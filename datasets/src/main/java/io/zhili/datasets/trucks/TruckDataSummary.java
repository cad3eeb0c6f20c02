package io.zhili.datasets.trucks;

import io.zhili.geo.trucks.RuleType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link TruckDataGenerator#generate} wrote.
 *
 * @param outDir             the output directory
 * @param trucks             trucks simulated
 * @param permits            permits in {@code routes.geojson} (valid and expired)
 * @param constructionSites  construction sites in {@code sites.geojson}
 * @param disposalSites      disposal sites in {@code sites.geojson}
 * @param zones              restricted zones in {@code zones.geojson}
 * @param lines              lines of {@code gps.jsonl} (= lines of {@code gps.jt808})
 * @param reports            clean reports among them (disordered ones included)
 * @param disordered         reports arriving after a later report or late
 * @param duplicates         duplicate lines
 * @param jumps              GPS-jump lines
 * @param junk               junk lines (each a dead letter for either reader)
 * @param violations         planted violations by rule ({@code truth/violations.csv})
 * @param files              the files written, relative to {@code outDir}
 * @param millis             wall time of the generation
 */
public record TruckDataSummary(Path outDir, int trucks, int permits, int constructionSites, int disposalSites,
                               int zones, long lines, long reports, long disordered, long duplicates, long jumps,
                               long junk, Map<RuleType, Integer> violations, List<String> files, long millis) {
}
