package io.zhili.jobs.live;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermark = max event time seen − the out-of-order bound, rounded down to the second, emitted with the
 * event that advances it rather than on a processing-time period: the watermark then depends on the
 * events alone, so a replay decides OVERDUE alerts at the same watermark, and the last one before the end
 * of a bounded input is always emitted. Rounding to the second keeps watermarks to one per second of event
 * time at most.
 */
final class EventTimeWatermarks implements WatermarkGenerator<LiveCase> {
    private final long boundMs;
    private long emitted = Long.MIN_VALUE;

    EventTimeWatermarks(long boundMs) {
        this.boundMs = boundMs;
    }

    @Override
    public void onEvent(LiveCase c, long eventTimestamp, WatermarkOutput output) {
        long w = Math.floorDiv(c.eventTime - boundMs, 1000L) * 1000L;
        if (w > emitted) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Nothing: watermarks move with the events.
    }
}
