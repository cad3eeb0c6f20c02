package io.zhili.datasets.live;

import io.zhili.datasets.cases.CaseSource;
import java.util.List;

/**
 * One planted SURGE of the live day: {@code times.length} extra EVENT cases of one major class in one base
 * (resolution-9) cell within a short span, on top of the cell's normal day. A correct live job raises
 * {@code SURGE} for the cell and the major, and for the cell and {@code ALL} (the cell's every case rises
 * with it).
 *
 * @param cell        the H3 resolution-9 cell
 * @param major       the 2-digit EVENT major class
 * @param minors      the EVENT classes of the major the cases are drawn from
 * @param source      the reporting channel of the cases (WGS-84 sources only, so positions stay in the cell)
 * @param note        what happens, in words
 * @param times       report times of the planted cases, epoch ms, ascending
 * @param yearMajor   cases of the year of the major (EVENT kind) in the cell
 * @param yearAll     cases of the year of every class in the cell
 * @param pMajor      p-value of the planted cases alone against the planner's high forecast of the major
 * @param pAll        the same for {@code ALL}
 * @param threshold   the Bonferroni threshold both p-values pass ({@code 0.01 / series})
 */
public record PlantedSurge(long cell, String major, List<String> minors, CaseSource source, String note, long[] times,
                           int yearMajor, int yearAll, double pMajor, double pAll, double threshold) {
}
