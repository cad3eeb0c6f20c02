package io.zhili.geo.fence;

import java.time.LocalDate;
import java.util.List;
import org.locationtech.jts.geom.LineString;

/**
 * A transport permit and its approved route: one LineString feature of {@code routes.geojson}.
 *
 * <p>The permit is valid on local (Asia/Shanghai) dates {@code validFrom..validTo} inclusive, and
 * allows loaded driving during {@code hours}. A truck whose position is farther than
 * {@code corridorM} metres from {@code line} deviates from the route.
 *
 * <p>{@code terminalPhones} is the fleet registry for JT/T 808 input: when not empty it is parallel
 * to {@code truckIds} and gives each truck's terminal SIM number (see
 * {@code io.zhili.geo.jt808.Jt808Protocol}).
 *
 * <p>Immutable (lists are copied) and thread-safe.
 *
 * @param permitId       permit number, unique in the file
 * @param truckIds       plates of the trucks the permit covers, at least one
 * @param terminalPhones terminal phone numbers parallel to {@code truckIds}, or empty
 * @param siteId         construction site the muck comes from
 * @param disposalId     disposal site it goes to
 * @param validFrom      first local date of validity
 * @param validTo        last local date of validity
 * @param hours          local hours when loaded driving is allowed
 * @param corridorM      half-width of the corridor around the route, metres (&gt; 0, default 100)
 * @param line           the route, lon/lat
 */
public record Route(String permitId, List<String> truckIds, List<String> terminalPhones, String siteId,
                    String disposalId, LocalDate validFrom, LocalDate validTo, HoursWindow hours, double corridorM,
                    LineString line) {
    /** The contract's default corridor half-width, metres. */
    public static final double DEFAULT_CORRIDOR_M = 100;

    public Route {
        truckIds = List.copyOf(truckIds);
        terminalPhones = terminalPhones == null ? List.of() : List.copyOf(terminalPhones);
        if (truckIds.isEmpty()) {
            throw new IllegalArgumentException("permit " + permitId + " names no truck");
        }
        if (!terminalPhones.isEmpty() && terminalPhones.size() != truckIds.size()) {
            throw new IllegalArgumentException("permit " + permitId + ": terminal_phones has " + terminalPhones.size()
                    + " entries for " + truckIds.size() + " truck_ids");
        }
        if (validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("permit " + permitId + ": valid_to " + validTo + " is before valid_from " + validFrom);
        }
        if (!(corridorM > 0)) {
            throw new IllegalArgumentException("permit " + permitId + ": corridor_m must be > 0, got " + corridorM);
        }
    }

    /** True when the permit is valid on the local date of {@code epochMs}. */
    public boolean validOn(long epochMs) {
        long day = ShanghaiClock.epochDay(epochMs);
        return day >= validFrom.toEpochDay() && day <= validTo.toEpochDay();
    }
}
