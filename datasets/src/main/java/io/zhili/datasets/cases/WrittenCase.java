package io.zhili.datasets.cases;

import io.zhili.geo.table.RejectReason;

/**
 * One generated case as a feed writes it, with its whole lifecycle: what the live day
 * ({@link io.zhili.datasets.live.LiveDayGenerator}) turns into one event per lifecycle step. Values are
 * those of the cases contract's columns; a dirty case carries its defect.
 *
 * @param caseId        the case id ({@code null} until the day's cases are numbered)
 * @param source        the reporting channel (sets the timestamp form and the datum)
 * @param component     true for a COMPONENT case, false for an EVENT
 * @param major         the written {@code major_class}
 * @param minor         the written {@code minor_class}
 * @param componentId   the written {@code component_id}, or {@code null}
 * @param componentRow  the registry row of the component at fault, or -1 (an EVENT)
 * @param lon           the written longitude (GCJ-02 when {@code gcj02}; a planted defect may make it NaN)
 * @param lat           the written latitude
 * @param gcj02         whether {@code crs} is {@code GCJ02}
 * @param ts            the written lifecycle instants, epoch ms, {@link Lifecycle#EMPTY} where not reached
 *                      (indexes {@link Lifecycle#REPORTED} .. {@link Lifecycle#CLOSED})
 * @param happenedAt    when each step really happened, epoch ms; equal to {@code ts} except where a planted
 *                      INCONSISTENT_TIMESTAMPS defect wrote a wrong instant
 * @param districtCode  the written {@code district_code}, or {@code null} when the source left it empty
 * @param defect        the planted defect, or {@code null} for a clean case
 * @param badTimestampColumn lifecycle index whose text is {@code badTimestampText}, or -1
 * @param badTimestampText   unparseable text written instead of that instant
 * @param note          what is wrong with a dirty case, in words, or {@code null}
 */
public record WrittenCase(String caseId, CaseSource source, boolean component, String major, String minor,
                          String componentId, int componentRow, double lon, double lat, boolean gcj02, long[] ts,
                          long[] happenedAt, String districtCode, RejectReason defect, int badTimestampColumn,
                          String badTimestampText, String note) {
    /** {@code COMPONENT} or {@code EVENT}. */
    public String kind() {
        return component ? "COMPONENT" : "EVENT";
    }

    /** The same case numbered {@code id}. */
    public WrittenCase withCaseId(String id) {
        return new WrittenCase(id, source, component, major, minor, componentId, componentRow, lon, lat, gcj02, ts,
                happenedAt, districtCode, defect, badTimestampColumn, badTimestampText, note);
    }

    /**
     * The same clean case with another lifecycle ({@code ts} and {@code happenedAt} both become a copy of
     * {@code lifecycle}): a planted late or stopped step.
     *
     * @throws IllegalStateException on a dirty case, whose written and real instants may differ
     */
    public WrittenCase withLifecycle(long[] lifecycle) {
        if (defect != null) {
            throw new IllegalStateException("the lifecycle of dirty case " + caseId + " is not replaced");
        }
        return new WrittenCase(caseId, source, component, major, minor, componentId, componentRow, lon, lat, gcj02,
                lifecycle.clone(), lifecycle.clone(), districtCode, null, -1, null, null);
    }

    /** The text of lifecycle instant {@code step} in the source's form, or {@code null} when not reached. */
    public String timestampText(int step) {
        if (step == badTimestampColumn) {
            return badTimestampText;
        }
        return ts[step] == Lifecycle.EMPTY ? null : source.timestampStyle().format(ts[step]);
    }
}
