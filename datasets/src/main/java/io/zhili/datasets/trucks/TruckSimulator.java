package io.zhili.datasets.trucks;

import io.zhili.geo.fence.HoursWindow;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.trucks.LidState;
import io.zhili.geo.trucks.RuleType;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Simulates one truck's night shift: load at its construction site, wait for the permit's hours,
 * drive the route to the disposal site, unload, drive back, and again while the shift lasts; then
 * park. Reports every 10 s with 3 m GPS noise; cruising at 30–50 km/h (never above 58) with short
 * red-light stops. The scenarios of the truck's {@link TruckSpec} are planted on their legs and
 * their ground truth recorded from the very reports written, by the rule definitions of docs/CONTRACTS.md ("Truck rules").
 *
 * <p>Thread-safe: each call uses its own random stream derived from the seed and the truck index,
 * so trucks can be simulated in parallel and the result does not depend on the order.
 */
final class TruckSimulator {
    static final long REPORT_MS = 10_000;
    private static final double GPS_SIGMA_M = 3;
    private static final double LOAD_SIGMA_T = 0.05;
    private static final double MAX_NORMAL_KMH = 58;
    private static final double RED_LIGHT_PER_REPORT = 1.0 / 90;

    private final TruckFleet fleet;
    private final long seed;
    private final long windowStart;
    private final long windowEnd;
    private final GeometryFactory gf = new GeometryFactory();

    TruckSimulator(TruckFleet fleet, long seed, long windowStart, long windowEnd) {
        this.fleet = fleet;
        this.seed = seed;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    SimulatedTrace simulate(TruckSpec spec) {
        Shift shift = new Shift(spec);
        shift.run();
        return shift.trace;
    }

    /** The mutable state of one truck's simulated shift. */
    private final class Shift {
        final TruckSpec spec;
        final SplittableRandom rng;
        final PermitPath permit;
        final LocalFrame frame;
        final HoursWindow hours;
        final SimulatedTrace trace;
        long t;
        double x;
        double y;
        double load;
        LidState lid = LidState.CLOSED;
        double heading;
        long silentUntil = Long.MIN_VALUE;
        /** ts of the last report before a planted signal loss, until the first report after it. */
        long gapStart = -1;
        // Truth of the scenario being planted: first/last report showing it.
        RuleType tracking;
        long trackStart = -1;
        long trackEnd = -1;
        int trackPoints;

        Shift(TruckSpec spec) {
            this.spec = spec;
            this.rng = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + spec.index() * 0xBF58_476D_1CE4_E5B9L + 1);
            this.permit = fleet.permits().get(spec.permit());
            this.frame = permit.frame();
            this.hours = permit.route().hours();
            this.trace = new SimulatedTrace(spec);
        }

        void run() {
            boolean offHoursFirst = spec.loadedLegs()[0] == Scenario.OFF_HOURS;
            t = windowStart + (offHoursFirst ? 0 : rng.nextInt(40 * 60)) * 1000L + rng.nextInt(10) * 1000L;
            PathLine out = permit.path();
            PathLine back = out.reversed();
            double[] c = out.at(0);
            x = c[0];
            y = c[1];
            load = 0.2 + 0.3 * rng.nextDouble();
            report(0);
            for (int cycle = 0; ; cycle++) {
                double legMinutes = out.length() / 1000 / 30 * 60;
                long cycleMs = (long) ((12 + 2 * legMinutes + 10 + 25) * 60_000);
                if (cycle > 0 && t + cycleMs > windowEnd) {
                    break;
                }
                loadAtSite();
                Scenario loadedScenario = cycle < 3 ? spec.loadedLegs()[cycle] : null;
                if (loadedScenario != Scenario.OFF_HOURS) {
                    waitForHours();
                }
                drive(out, loadedScenario);
                unloadAtSite();
                drive(back, cycle < 3 ? spec.emptyLegs()[cycle] : null);
            }
            stay(12, 0, null);
        }

        // ---- phases --------------------------------------------------------------------------

        void loadAtSite() {
            int n = 36 + rng.nextInt(37); // 6–12 minutes
            double from = load;
            lid = LidState.OPEN;
            for (int i = 1; i <= n; i++) {
                load = from + (spec.capacityT() - from) * i / n;
                step();
                report(rng.nextInt(6) == 0 ? 1.0 : 0);
            }
            lid = LidState.CLOSED;
            stay(1 + rng.nextInt(3), 0, null);
        }

        void waitForHours() {
            while (!hours.contains(t)) {
                stay(1, 0, null);
            }
            stay(rng.nextInt(18), 0, null);
        }

        void unloadAtSite() {
            stay(1 + rng.nextInt(2), 0, null);
            int n = 18 + rng.nextInt(19); // 3–6 minutes
            double from = load;
            double residual = Math.min(from, 0.2 + 0.4 * rng.nextDouble());
            lid = LidState.OPEN;
            for (int i = 1; i <= n; i++) {
                load = from + (residual - from) * i / n;
                step();
                report(0);
            }
            lid = LidState.CLOSED;
            stay(6 + rng.nextInt(7), 0, null);
        }

        /** {@code n} stopped reports at the current place. */
        void stay(int n, double speed, Runnable perReport) {
            for (int i = 0; i < n; i++) {
                step();
                if (perReport != null) {
                    perReport.run();
                }
                report(speed);
            }
        }

        void step() {
            t += REPORT_MS;
        }

        // ---- driving -------------------------------------------------------------------------

        void drive(PathLine path, Scenario scenario) {
            double length = path.length();
            double cruise = 30 + 20 * rng.nextDouble();
            Plan plan = plan(path, scenario);
            double s = 0;
            boolean triggered = false;
            int speedingLeft = 0;
            int lidOpenLeft = 0;
            int dropsLeft = 0;
            boolean offHours = scenario == Scenario.OFF_HOURS;
            if (offHours) {
                startTracking(RuleType.OFF_HOURS);
            }
            while (s < length) {
                if (plan != null && !triggered && s >= plan.start) {
                    triggered = true;
                    // Still silent from an earlier scenario (the last report is not the current one):
                    // nothing would be seen, so nothing is planted.
                    boolean seen = trace.size > 0 && trace.ts[trace.size - 1] == t && t + REPORT_MS >= silentUntil;
                    switch (seen ? plan.scenario : Scenario.OFF_HOURS) {
                        case SPEEDING -> {
                            speedingLeft = 5 + rng.nextInt(8);
                            startTracking(RuleType.SPEEDING);
                        }
                        case UNCOVERED_LOAD -> {
                            lidOpenLeft = 6 + rng.nextInt(10);
                            lid = LidState.OPEN;
                            startTracking(RuleType.UNCOVERED_LOAD);
                        }
                        case SPILLAGE -> {
                            dropsLeft = rng.nextInt(10) < 4 ? 2 : 1;
                            startTracking(RuleType.SPILLAGE);
                            trackStart = trace.ts[trace.size - 1]; // the fall happens after the last report
                        }
                        case ROUTE_DEVIATION -> startTracking(RuleType.ROUTE_DEVIATION);
                        case ILLEGAL_DUMPING -> stopBeside(true);
                        case LOADED_QUEUE -> stopBeside(false);
                        case SIGNAL_LOSS, EMPTY_SILENCE -> {
                            long gap = (plan.scenario == Scenario.SIGNAL_LOSS ? 11 * 60 + rng.nextInt(5 * 60)
                                    : 12 * 60 + rng.nextInt(8 * 60)) * 1000L;
                            if (plan.scenario == Scenario.SIGNAL_LOSS) {
                                gapStart = trace.ts[trace.size - 1];
                            }
                            silentUntil = t + gap;
                        }
                        case RESTRICTED_ZONE, ZONE_OUTSIDE_HOURS -> visitZone(plan.scenario == Scenario.RESTRICTED_ZONE);
                        default -> {
                            // OFF_HOURS is planted by the whole leg (see below), not at a place on it.
                        }
                    }
                }
                boolean quiet = plan != null && s >= plan.quietFrom && s <= plan.quietTo;
                if (!quiet && s > 300 && length - s > 300 && rng.nextDouble() < RED_LIGHT_PER_REPORT) {
                    stay(2 + rng.nextInt(5), 0, null);
                }
                double speed;
                if (speedingLeft > 0) {
                    speed = 66 + 19 * rng.nextDouble();
                } else if (s < 150 || length - s < 150) {
                    speed = 8 + 6 * rng.nextDouble();
                } else {
                    speed = Math.max(20, Math.min(MAX_NORMAL_KMH, cruise + rng.nextGaussian() * 2.5));
                }
                step();
                s = Math.min(length, s + speed / 3.6 * (REPORT_MS / 1000.0));
                double[] p = path.at(s);
                double offset = plan == null ? 0 : plan.offset(s);
                if (offset != 0) {
                    double[] d = path.direction(s);
                    p = new double[] {p[0] - d[1] * offset, p[1] + d[0] * offset};
                }
                moveTo(p[0], p[1]);
                if (dropsLeft > 0) {
                    load -= Math.max(1.6, 0.12 * load) + 1.2 * rng.nextDouble();
                }
                int i = report(speed);
                if (i >= 0) {
                    if (tracking == RuleType.OFF_HOURS && offHours) {
                        if (trace.load(i) >= 3 && speed >= 5 && !hours.contains(trace.ts[i])) {
                            track(trace.ts[i]);
                        }
                    } else if (tracking == RuleType.ROUTE_DEVIATION && plan != null) {
                        double dx = permit.frame().x(trace.lon(i));
                        double dy = permit.frame().y(trace.lat(i));
                        if (permit.path().distance(dx, dy) > permit.route().corridorM()) {
                            track(trace.ts[i]);
                        } else if (trackStart >= 0) {
                            endTracking(); // back inside: that episode is over
                            startTracking(RuleType.ROUTE_DEVIATION);
                        }
                    } else if (tracking == RuleType.SPEEDING && speedingLeft > 0) {
                        track(trace.ts[i]);
                    } else if (tracking == RuleType.UNCOVERED_LOAD && lidOpenLeft > 0) {
                        track(trace.ts[i]);
                    } else if (tracking == RuleType.SPILLAGE && dropsLeft > 0) {
                        trackEnd = trace.ts[i];
                    }
                }
                if (speedingLeft > 0 && --speedingLeft == 0) {
                    endTracking();
                }
                if (lidOpenLeft > 0 && --lidOpenLeft == 0) {
                    lid = LidState.CLOSED;
                    endTracking();
                }
                if (dropsLeft > 0 && --dropsLeft == 0) {
                    endTracking();
                }
                if (plan != null && tracking == RuleType.ROUTE_DEVIATION && s > plan.quietTo) {
                    endTracking();
                }
            }
            // A scenario still showing when the leg ends (e.g. the lid open on arrival) ends here.
            endTracking();
        }

        /** Decelerates, stands beside the road for 4–7.5 minutes (tipping the load out when {@code dump}), drives on. */
        void stopBeside(boolean dump) {
            step();
            report(15);
            step();
            report(6);
            int n = 24 + rng.nextInt(dump ? 22 : 13);
            double from = load;
            double residual = 0.3 + 1.2 * rng.nextDouble();
            int tipping = (int) (n * 0.6);
            if (dump) {
                startTracking(RuleType.ILLEGAL_DUMPING);
            }
            double ax = x;
            double ay = y;
            for (int k = 0; k < n; k++) {
                step();
                x = ax + rng.nextGaussian();
                y = ay + rng.nextGaussian();
                if (dump) {
                    lid = k >= 2 && k < tipping + 2 ? LidState.OPEN : LidState.CLOSED;
                    if (k >= 2) {
                        load = Math.max(residual, from + (residual - from) * Math.min(1.0, (k - 1.0) / tipping));
                    }
                }
                int i = report(rng.nextInt(4) == 0 ? 1.0 : 0);
                if (dump && i >= 0) {
                    track(trace.ts[i]);
                }
            }
            lid = LidState.CLOSED;
            x = ax;
            y = ay;
            if (dump) {
                endTracking();
            }
        }

        /** Leaves the route for the zone's centre, crosses it and comes back to where it left. */
        void visitZone(boolean active) {
            Zone zone = fleet.zones().get(spec.zone());
            Point c = zone.area().getCentroid();
            double zx = frame.x(c.getX());
            double zy = frame.y(c.getY());
            double ox = x;
            double oy = y;
            double ux = zx - ox;
            double uy = zy - oy;
            double len = Math.hypot(ux, uy);
            ux /= len;
            uy /= len;
            if (active) {
                startTracking(RuleType.RESTRICTED_ZONE);
            }
            double[][] legs = {{zx, zy}, {zx + ux * 60, zy + uy * 60}, {zx, zy}, {ox, oy}};
            for (double[] target : legs) {
                while (Math.hypot(target[0] - x, target[1] - y) > 1) {
                    double speed = 18 + 10 * rng.nextDouble();
                    double stepM = speed / 3.6 * (REPORT_MS / 1000.0);
                    double dx = target[0] - x;
                    double dy = target[1] - y;
                    double d = Math.hypot(dx, dy);
                    double f = Math.min(1, stepM / d);
                    step();
                    moveTo(x + dx * f, y + dy * f);
                    int i = report(speed);
                    if (active && i >= 0 && zone.area().covers(gf.createPoint(new Coordinate(trace.lon(i), trace.lat(i))))) {
                        track(trace.ts[i]);
                    }
                }
            }
            if (active) {
                endTracking();
            }
        }

        void moveTo(double nx, double ny) {
            if (Math.hypot(nx - x, ny - y) > 0.5) {
                heading = Math.toDegrees(Math.atan2(nx - x, ny - y));
            }
            x = nx;
            y = ny;
        }

        // ---- reports and truth ---------------------------------------------------------------

        /** Writes a report at the current time and place (unless silent); returns its index or -1. */
        int report(double speedKmh) {
            if (t < silentUntil) {
                return -1;
            }
            double lon = frame.lon(x + rng.nextGaussian() * GPS_SIGMA_M);
            double lat = frame.lat(y + rng.nextGaussian() * GPS_SIGMA_M);
            double reportedLoad = spec.loadSensor() ? Math.max(0, load + rng.nextGaussian() * LOAD_SIGMA_T) : Double.NaN;
            LidState reportedLid = spec.lidSensor() ? lid : LidState.UNKNOWN;
            trace.add(t, lon, lat, speedKmh, (int) Math.round(heading), reportedLid, reportedLoad);
            if (gapStart >= 0) {
                trace.truth.add(new TruthEpisode(spec.plate(), RuleType.SIGNAL_LOSS, gapStart, t));
                gapStart = -1;
            }
            return trace.size - 1;
        }

        void startTracking(RuleType rule) {
            tracking = rule;
            trackStart = -1;
            trackEnd = -1;
        }

        void track(long ts) {
            if (trackStart < 0) {
                trackStart = ts;
                trackPoints = 0;
            }
            trackEnd = ts;
            trackPoints++;
        }

        void endTracking() {
            // The contract's thresholds define what counts as a violation; an excursion that the
            // road's shape cut short of them is none (and the planner avoids such places).
            boolean qualifies = switch (tracking == null ? RuleType.OFF_HOURS : tracking) {
                case ROUTE_DEVIATION -> trackPoints >= 2 && trackEnd - trackStart >= 30_000;
                case UNCOVERED_LOAD, SPEEDING -> trackEnd - trackStart >= 30_000;
                case ILLEGAL_DUMPING -> trackEnd - trackStart >= 180_000;
                default -> true;
            };
            if (tracking != null && trackStart >= 0 && trackEnd >= trackStart && qualifies) {
                trace.truth.add(new TruthEpisode(spec.plate(), tracking, trackStart, trackEnd));
            }
            tracking = null;
            trackStart = -1;
            trackEnd = -1;
        }

        // ---- planning ------------------------------------------------------------------------

        /** Where on the leg the scenario happens, or null when it cannot be planted on this leg. */
        Plan plan(PathLine path, Scenario scenario) {
            if (scenario == null || scenario == Scenario.OFF_HOURS) {
                return null;
            }
            double length = path.length();
            if (scenario.needsZone()) {
                Point c = fleet.zones().get(spec.zone()).area().getCentroid();
                double s = path.project(frame.x(c.getX()), frame.y(c.getY()));
                return s < 300 || length - s < 300 ? null : new Plan(scenario, s, s - 400, s + 400, 0, 0, 0);
            }
            if (length < 3000) {
                return null;
            }
            for (int attempt = 0; attempt < 16; attempt++) {
                double start = length * (0.3 + 0.25 * rng.nextDouble());
                if (scenario == Scenario.ROUTE_DEVIATION || scenario == Scenario.EMPTY_DETOUR) {
                    double magnitude = scenario == Scenario.ROUTE_DEVIATION ? 250 + 200 * rng.nextDouble() : 300;
                    double hold = scenario == Scenario.ROUTE_DEVIATION ? 600 + 900 * rng.nextDouble() : 800 + 400 * rng.nextDouble();
                    if (start + hold + 400 > length - 500 || !straight(path, start - 100, start + hold + 500)) {
                        continue;
                    }
                    for (double side : rng.nextBoolean() ? new double[] {1, -1} : new double[] {-1, 1}) {
                        Plan p = new Plan(scenario, start, start - 400, start + hold + 800, magnitude * side, hold, 200);
                        if (clear(path, p)) {
                            return p;
                        }
                    }
                    continue;
                }
                Plan p = new Plan(scenario, start, start - 400, start + 1500, 0, 0, 0);
                if (clear(path, p)) {
                    return p;
                }
            }
            return null;
        }

        /** True when the path keeps its direction within 20 degrees over [from, to]. */
        boolean straight(PathLine path, double from, double to) {
            double[] d0 = path.direction(from);
            for (double s = from; s <= to; s += 25) {
                double[] d = path.direction(s);
                if (d0[0] * d[0] + d0[1] * d[1] < Math.cos(Math.toRadians(20))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * True when every place the scenario puts the truck is at no site and in no zone, so it
         * produces exactly the planted episode.
         */
        boolean clear(PathLine path, Plan p) {
            for (double s = p.quietFrom; s <= p.quietTo; s += 20) {
                double[] q = path.at(s);
                double off = p.offset(s);
                if (off != 0) {
                    double[] d = path.direction(s);
                    q = new double[] {q[0] - d[1] * off, q[1] + d[0] * off};
                }
                // Zones and sites within 60 m count: GPS noise and the generator's own frame must not matter.
                for (double[] e : new double[][] {{0, 0}, {60, 0}, {-60, 0}, {0, 60}, {0, -60}}) {
                    double lon = frame.lon(q[0] + e[0]);
                    double lat = frame.lat(q[1] + e[1]);
                    if (fleet.siteIndex().siteAt(lon, lat) >= 0 || fleet.zoneIndex().zoneAt(lon, lat) >= 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * A scenario's place on a leg: it starts at arc length {@code start}; no red lights stop the truck
     * in [quietFrom, quietTo]; for excursions, the sideways offset ramps up over {@code ramp} metres,
     * holds {@code magnitude} for {@code hold} metres and ramps back.
     */
    private record Plan(Scenario scenario, double start, double quietFrom, double quietTo, double magnitude,
                        double hold, double ramp) {
        double offset(double s) {
            if (magnitude == 0 || s <= start) {
                return 0;
            }
            double u = s - start;
            if (u < ramp) {
                return magnitude * u / ramp;
            }
            if (u < ramp + hold) {
                return magnitude;
            }
            if (u < 2 * ramp + hold) {
                return magnitude * (2 * ramp + hold - u) / ramp;
            }
            return 0;
        }
    }
}
