/**
 * Live operations rules as plain Java: the service levels of the overdue alerts ({@link
 * io.zhili.geo.live.ServiceLevels}) and the decisions of the live case job (surge, recurrence, overdue).
 */
package io.zhili.geo.live;
