package io.zhili.geo.trucks;

/**
 * One position report of a muck truck, the unit the truck rules work on.
 *
 * <p>Units: {@code ts} epoch milliseconds (UTC instant; hours and permit dates are evaluated in
 * Asia/Shanghai local time by the rules), {@code lon}/{@code lat} WGS-84 degrees, {@code speedKmh}
 * km/h, {@code heading} degrees clockwise from north in [0, 360] or {@code NaN} when not reported,
 * {@code loadT} tonnes or {@code NaN} when the truck has no load sensor (JSON {@code null}).
 *
 * <p>Instances are immutable and therefore thread-safe. Validation happens in the parsers
 * ({@link GpsJsonParser}, {@code io.zhili.geo.jt808.Jt808Decoder}); this record accepts any values
 * so that tests can build edge cases directly.
 *
 * @param truckId plate number such as {@code 鲁B12345}; never null for parsed records
 * @param ts      event time, epoch milliseconds
 * @param lon     longitude, degrees
 * @param lat     latitude, degrees
 * @param speedKmh ground speed, km/h
 * @param heading course over ground, degrees, or NaN
 * @param lid     cargo cover state; never null for parsed records
 * @param loadT   load in tonnes, or NaN when unknown
 */
public record GpsPoint(String truckId, long ts, double lon, double lat, double speedKmh, double heading,
                       LidState lid, double loadT) {

    /** True when the report carries a load value. */
    public boolean hasLoad() {
        return !Double.isNaN(loadT);
    }
}
