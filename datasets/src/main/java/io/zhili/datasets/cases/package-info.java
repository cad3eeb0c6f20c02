/**
 * Generation of a year of city-management cases: the channels cases arrive through
 * ({@link io.zhili.datasets.cases.CaseSource}), the calendar and daily rhythms ({@link io.zhili.datasets.cases.CaseCalendar}),
 * event frequencies, handling delays ({@link io.zhili.datasets.cases.Lifecycle}, {@link io.zhili.datasets.cases.Urgency}),
 * the timestamp forms the contract allows, and the writer of the 15-column cases table
 * ({@link io.zhili.datasets.cases.CaseTable}). Entry point: {@link io.zhili.datasets.cases.CaseGenerator}.
 */
package io.zhili.datasets.cases;
