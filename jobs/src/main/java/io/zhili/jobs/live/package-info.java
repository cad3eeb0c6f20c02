/**
 * {@code zhili live}: the streaming job over case events (a file replay or a Kafka topic, one graph) that
 * joins each case to the component registry and raises SURGE, RECURRENCE and OVERDUE alerts exactly once
 * to GeoParquet and Kafka. The rules are plain Java in {@code io.zhili.geo.live}; this package wires them.
 */
package io.zhili.jobs.live;
